package io.ynl4j.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCatalogTest {
    private static Path spec(Path dir, String file, String name, String protocol) throws IOException {
        Files.createDirectories(dir);
        String text = "# SPDX-License-Identifier: GPL-2.0\n---\nname: " + name + "\n"
                + (protocol == null ? "" : "protocol: " + protocol + "\n")
                + "doc: a spec\nattribute-sets:\n  - name: x\n    attributes:\n      - name: name\n";
        Path p = dir.resolve(file);
        if (file.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(p, text);
        }
        return p;
    }

    @Test
    void findsByFamilyNameNotFileNameAndAcceptsTheStem(@TempDir Path dir) throws IOException {
        Path ras = spec(dir, "drm_ras.yaml", "drm-ras", null);
        SpecCatalog catalog = SpecCatalog.builder().specPath(dir.toString()).build();

        assertThat(catalog.find("drm-ras"))
                .get()
                .extracting(SpecCatalog.Entry::path)
                .isEqualTo(ras);
        assertThat(catalog.find("drm_ras"))
                .get()
                .extracting(SpecCatalog.Entry::name)
                .isEqualTo("drm-ras");
        assertThat(catalog.find("nope")).isEmpty();
        assertThat(catalog.entries()).singleElement().satisfies(e -> {
            assertThat(e.protocol()).isEqualTo("genetlink");
            assertThat(e.source()).isEqualTo("YNL4J_SPEC_PATH");
        });
    }

    @Test
    void searchesInOrderProjectSpecPathKernelTreeDebianNewestFirst(@TempDir Path dir) throws IOException {
        Path project = dir.resolve("project");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path tree = dir.resolve("linux");
        Path docs = dir.resolve("doc");
        spec(project, "rt-addr.yaml", "rt-addr", "netlink-raw");
        spec(a, "rt-addr.yaml", "rt-addr", "netlink-raw");
        spec(b, "netdev.yaml", "netdev", "genetlink");
        spec(tree.resolve("Documentation/netlink/specs"), "ethtool.yaml", "ethtool", "genetlink-legacy");
        spec(tree.resolve("Documentation/netlink/specs"), "netdev.yaml", "netdev", "genetlink");
        spec(docs.resolve("linux-doc-6.9/Documentation/netlink/specs"), "devlink.yaml.gz", "devlink", null);
        spec(docs.resolve("linux-doc-6.12/Documentation/netlink/specs"), "devlink.yaml.gz", "devlink", null);
        Files.createDirectories(docs.resolve("unrelated"));

        SpecCatalog catalog = SpecCatalog.builder()
                .projectSpecs(project)
                .specPath(a + "::" + b + ":" + dir.resolve("missing"))
                .kernelTree(tree)
                .debianDocs(docs)
                .build();

        assertThat(catalog.entries())
                .extracting(e -> e.name() + "@" + e.source())
                .containsExactly(
                        "rt-addr@project",
                        "rt-addr@YNL4J_SPEC_PATH",
                        "netdev@YNL4J_SPEC_PATH",
                        "ethtool@spec-dir",
                        "netdev@spec-dir",
                        "devlink@linux-doc-6.12",
                        "devlink@linux-doc-6.9");
        assertThat(catalog.find("rt-addr").orElseThrow().source()).isEqualTo("project");
        assertThat(catalog.find("netdev").orElseThrow().path().startsWith(b)).isTrue();
        assertThat(catalog.find("devlink").orElseThrow().source()).isEqualTo("linux-doc-6.12");
        assertThat(catalog.find("ethtool").orElseThrow().protocol()).isEqualTo("genetlink-legacy");
    }

    @Test
    void kernelTreeMayBeTheSpecsFolderItself(@TempDir Path dir) throws IOException {
        spec(dir, "netdev.yaml", "netdev", "genetlink");
        assertThat(SpecCatalog.builder().kernelTree(dir).build().find("netdev")).isPresent();
    }

    @Test
    void gzippedSpecsLoad(@TempDir Path dir) throws IOException {
        Path real = Corpus.kernelSpecs().resolve("netdev.yaml");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("netdev.yaml.gz")))) {
            out.write(Files.readAllBytes(real));
        }
        SpecCatalog catalog = SpecCatalog.builder().specPath(dir.toString()).build();

        LoadResult result = catalog.load("netdev", SpecLoader.create().withAutoSchema(false));

        assertThat(result.ok()).as(result.render()).isTrue();
        assertThat(result.family().orElseThrow().name()).isEqualTo("netdev");
    }

    @Test
    void unknownFamilyIsY011WithNearNames(@TempDir Path dir) throws IOException {
        spec(dir, "rt-addr.yaml", "rt-addr", "netlink-raw");
        spec(dir, "rt-link.yaml", "rt-link", "netlink-raw");
        SpecCatalog catalog = SpecCatalog.builder().specPath(dir.toString()).build();

        LoadResult result = catalog.load("rt-adr", SpecLoader.create());

        assertThat(result.ok()).isFalse();
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("Y011");
            assertThat(d.hints()).anySatisfy(h -> assertThat(h).isEqualTo("near names: rt-addr"));
        });
    }

    @Test
    void kernelCorpusFamiliesAreNamedBySpecName() {
        SpecCatalog catalog =
                SpecCatalog.builder().kernelTree(Corpus.kernelSpecs()).build();

        assertThat(catalog.entries()).hasSize(Corpus.kernelSpecFiles().size());
        assertThat(catalog.find("drm-ras")).isPresent();
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(SpecCatalog.compareVersions("6.12", "6.9")).isPositive();
        assertThat(SpecCatalog.compareVersions("6.1", "6.1")).isZero();
    }
}
