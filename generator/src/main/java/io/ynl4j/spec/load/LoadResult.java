package io.ynl4j.spec.load;

import static java.util.Objects.requireNonNull;

import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.SpecException;
import java.util.List;
import java.util.Optional;

/**
 * What loading one spec produced: the linked family (only when there was no error) and every
 * diagnostic, sorted by position.
 *
 * @param file the spec's display name
 * @param family the family, when the spec had no error
 * @param diagnostics errors and warnings
 */
public record LoadResult(String file, Optional<Family> family, List<Diagnostic> diagnostics) {
    public LoadResult {
        requireNonNull(file, "file");
        requireNonNull(family, "family");
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Whether the spec linked without error.
     *
     * @return {@code true} when a family is present and no diagnostic is an error
     */
    public boolean ok() {
        return family.isPresent() && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /**
     * The family, or an exception carrying the diagnostics.
     *
     * @return the family
     * @throws SpecException when the spec had errors
     */
    public Family orElseThrow() throws SpecException {
        if (!ok()) {
            throw new SpecException(diagnostics);
        }
        return family.orElseThrow();
    }

    /**
     * Every diagnostic rendered, compiler-style.
     *
     * @return the text (empty when there is nothing to say)
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        diagnostics.forEach(d -> out.append(d.render()));
        return out.toString();
    }
}
