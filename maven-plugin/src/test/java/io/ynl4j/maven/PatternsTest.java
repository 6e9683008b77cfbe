package io.ynl4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternsTest {
    private static boolean matches(List<String> patterns, String path) {
        return GenerateMojo.matches(GenerateMojo.matchers(patterns), Path.of(path));
    }

    @Test
    void defaultIncludesMatchYamlAtAnyDepth() {
        assertThat(matches(GenerateMojo.DEFAULT_INCLUDES, "rt-addr.yaml")).isTrue();
        assertThat(matches(GenerateMojo.DEFAULT_INCLUDES, "route/rt-addr.yaml")).isTrue();
        assertThat(matches(GenerateMojo.DEFAULT_INCLUDES, "a/b/netdev.yaml.gz")).isTrue();
        assertThat(matches(GenerateMojo.DEFAULT_INCLUDES, "README.md")).isFalse();
        assertThat(matches(GenerateMojo.DEFAULT_INCLUDES, "rt-addr.yml")).isFalse();
    }

    @Test
    void antStyleFolderPatterns() {
        assertThat(matches(List.of("drafts/**"), "drafts/x.yaml")).isTrue();
        assertThat(matches(List.of("drafts/"), "drafts/a/x.yaml")).isTrue();
        assertThat(matches(List.of("drafts/**"), "route/x.yaml")).isFalse();
        assertThat(matches(List.of("**/old-*.yaml"), "old-addr.yaml")).isTrue();
        assertThat(matches(List.of("**/old-*.yaml"), "a/b/old-addr.yaml")).isTrue();
        assertThat(matches(List.of(), "x.yaml")).isFalse();
    }
}
