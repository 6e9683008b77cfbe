package io.ynl4j.spec;

import java.util.List;

/** Thrown when a spec cannot be turned into a linked {@link Family}; carries every diagnostic. */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    /**
     * Creates the exception.
     *
     * @param diagnostics everything reported, errors and warnings
     */
    public SpecException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder out = new StringBuilder(errors + (errors == 1 ? " error" : " errors") + " in spec");
        diagnostics.stream()
                .filter(Diagnostic::isError)
                .findFirst()
                .ifPresent(d -> out.append(": ").append(d.headline()));
        return out.toString();
    }

    /**
     * The diagnostics, errors and warnings.
     *
     * @return the diagnostics
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Every diagnostic rendered.
     *
     * @return the text
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        diagnostics.forEach(d -> out.append(d.render()));
        return out.toString();
    }
}
