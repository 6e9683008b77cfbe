package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One problem found in a spec, rendered compiler-style:
 *
 * <pre>
 * rt-addr.yaml:214:13: error[Y201]: unknown attribute 'mc-user' in attribute-set 'addr-attrs'
 *     214 |         - mc-user
 *         |           ^
 *   in reply of operation 'getmulticast' (do) (rt-addr.yaml:211:9)
 *   in operation 'getmulticast' (rt-addr.yaml:203:7)
 *   hint: did you mean 'mc-users'?
 * </pre>
 *
 * @param severity error or warning
 * @param code a stable code, {@code Y} and three digits ({@code Y1xx} shape, {@code Y2xx}
 *     meaning, {@code Y3xx} unsupported)
 * @param location where the problem is
 * @param message the message, stating the value and the expectation
 * @param sourceLine the text of the line at {@code location}, when known
 * @param context the enclosing elements, innermost first, each already rendered
 * @param hints suggestions such as "did you mean …"
 */
public record Diagnostic(
        Severity severity,
        String code,
        SourceLocation location,
        String message,
        Optional<String> sourceLine,
        List<String> context,
        List<String> hints) {
    public Diagnostic {
        requireNonNull(severity, "severity");
        requireNonNull(code, "code");
        requireNonNull(location, "location");
        requireNonNull(message, "message");
        requireNonNull(sourceLine, "sourceLine");
        context = List.copyOf(context);
        hints = List.copyOf(hints);
    }

    /**
     * Whether this is an error.
     *
     * @return {@code true} for {@link Severity#ERROR}
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The first line alone: {@code file:line:column: error[Ynnn]: message}.
     *
     * @return the headline
     */
    public String headline() {
        return location + ": " + severity.label() + "[" + code + "]: " + message;
    }

    /**
     * The full rendering: headline, source excerpt with a caret, context chain and hints, each on
     * its own line, ending with a newline.
     *
     * @return the rendered diagnostic
     */
    public String render() {
        StringBuilder out = new StringBuilder(headline()).append('\n');
        sourceLine.ifPresent(text -> {
            String number = Integer.toString(location.line());
            String gutter = " ".repeat(number.length());
            out.append("  ").append(number).append(" | ").append(text).append('\n');
            int caret = Math.min(location.column() - 1, text.length());
            out.append("  ").append(gutter).append(" | ");
            for (int i = 0; i < caret; i++) {
                out.append(text.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.append("^\n");
        });
        for (String c : context) {
            out.append("  ").append(c).append('\n');
        }
        for (String h : hints) {
            out.append("  hint: ").append(h).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return headline();
    }
}
