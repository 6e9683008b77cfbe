package io.ynl4j.codegen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * One run of the generator: which specs, where the sources go, and how.
 *
 * @param sources the specs; their order does not matter (output is the same for any order)
 * @param outputDirectory the source root to write into; the generator owns the files it lists in
 *     its manifest there ({@value io.ynl4j.codegen.write.OutputWriter#MANIFEST}) and leaves others alone
 * @param options the options
 */
public record GenerationRequest(List<SpecSource> sources, Path outputDirectory, GeneratorOptions options) {
    public GenerationRequest {
        sources = List.copyOf(sources);
        requireNonNull(outputDirectory, "outputDirectory");
        requireNonNull(options, "options");
    }
}
