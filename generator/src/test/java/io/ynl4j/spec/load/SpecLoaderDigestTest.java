package io.ynl4j.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.spec.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The spec digest a loader records, and the option to skip it. */
class SpecLoaderDigestTest {
    /** Surefire runs in the module folder; the project's specs are beside it. */
    private static final Path RT_ADDR =
            Path.of("").toAbsolutePath().getParent().resolve("specs").resolve("rt-addr.yaml");

    @Test
    void theDigestIsTheSha256OfTheSpecBytesUnlessTurnedOff() throws Exception {
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(RT_ADDR)));

        Family withDigest = SpecLoader.create().load(RT_ADDR).family().orElseThrow();
        Family without =
                SpecLoader.create().withDigest(false).load(RT_ADDR).family().orElseThrow();

        assertThat(withDigest.sha256()).isEqualTo(expected);
        assertThat(without.sha256()).isEmpty();
        // nothing else differs
        assertThat(without.operations()).isEqualTo(withDigest.operations());
        assertThat(without.attributeSets()).isEqualTo(withDigest.attributeSets());
    }
}
