package io.ynl4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecDependencyTest {
    @Test
    void coordinatesInOneLine() {
        SpecDependency d = new SpecDependency();
        d.set(" com.acme:specs:1.2 ");
        assertThat(d.getGroupId()).isEqualTo("com.acme");
        assertThat(d.getArtifactId()).isEqualTo("specs");
        assertThat(d.getVersion()).isEqualTo("1.2");
        assertThat(d.getClassifier()).isEmpty();
        assertThat(d.getType()).isEqualTo("jar");
        assertThat(d.problem()).isNull();
        d.set("com.acme:specs:1.2:linux-7.3");
        assertThat(d.getClassifier()).isEqualTo("linux-7.3");
        assertThat(d).hasToString("com.acme:specs:1.2:linux-7.3");
    }

    @Test
    void badCoordinatesAreRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> new SpecDependency().set("com.acme:specs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec dependency 'com.acme:specs': expected groupId:artifactId:version or"
                        + " groupId:artifactId:version:classifier");
        SpecDependency d = new SpecDependency();
        d.setGroupId("com.acme");
        assertThat(d.problem()).isEqualTo("spec dependency com.acme:null:null needs groupId, artifactId and version");
    }

    @Test
    void pathIsNormalisedAndMayNotEscape() {
        SpecDependency d = new SpecDependency();
        d.set("g:a:1");
        d.setPath("/Documentation\\netlink/specs/");
        d.setType("ZIP");
        assertThat(d.getPath()).isEqualTo("Documentation/netlink/specs");
        assertThat(d).hasToString("g:a:1@zip!/Documentation/netlink/specs");
        d.setPath("../x");
        assertThat(d.problem()).contains("may not contain '..'");
    }
}
