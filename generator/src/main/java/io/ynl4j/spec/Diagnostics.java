package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects diagnostics instead of throwing at the first problem. A view made with {@link #at}
 * prefixes a context line ("in operation 'getaddr' (rt-addr.yaml:120:7)") to everything reported
 * through it; all views share one list.
 */
public final class Diagnostics {
    private final Shared shared;
    private final List<String> context; // innermost first

    private static final class Shared {
        final List<Diagnostic> all = new ArrayList<>();
        final Map<String, String[]> sources = new HashMap<>();
    }

    /** A new, empty collector. */
    public Diagnostics() {
        this(new Shared(), List.of());
    }

    private Diagnostics(Shared shared, List<String> context) {
        this.shared = shared;
        this.context = context;
    }

    /**
     * Registers the text of a file so diagnostics can quote the offending line.
     *
     * @param file the file name used in {@link SourceLocation}s
     * @param text the file's text
     */
    public void addSource(String file, String text) {
        shared.sources.put(file, text.split("\r?\n", -1));
    }

    /**
     * A view that adds one context line, innermost first.
     *
     * @param description e.g. {@code operation 'getmulticast'}
     * @param where where that element starts
     * @return the view
     */
    public Diagnostics at(String description, SourceLocation where) {
        List<String> inner = new ArrayList<>(context.size() + 1);
        inner.add("in " + description + " (" + where + ")");
        inner.addAll(context);
        return new Diagnostics(shared, List.copyOf(inner));
    }

    /**
     * Reports a problem.
     *
     * @param problem what is wrong
     * @param where where
     * @param args the values the message names
     */
    public void report(Problem problem, SourceLocation where, Object... args) {
        reportWithHints(problem, where, List.of(), args);
    }

    /**
     * Reports a problem with hints.
     *
     * @param problem what is wrong
     * @param where where
     * @param hints suggestions, each one line
     * @param args the values the message names
     */
    public void reportWithHints(Problem problem, SourceLocation where, List<String> hints, Object... args) {
        requireNonNull(problem, "problem");
        requireNonNull(where, "where");
        add(new Diagnostic(
                problem.severity(), problem.code(), where, problem.format(args), lineAt(where), context, hints));
    }

    /**
     * Adds a finished diagnostic (e.g. from another collector).
     *
     * @param diagnostic the diagnostic
     */
    public void add(Diagnostic diagnostic) {
        synchronized (shared) {
            shared.all.add(diagnostic);
        }
    }

    private Optional<String> lineAt(SourceLocation where) {
        String[] lines = shared.sources.get(where.file());
        if (lines == null || where.line() > lines.length) {
            return Optional.empty();
        }
        String line = lines[where.line() - 1];
        if (line.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(line);
    }

    /**
     * Whether any error was reported.
     *
     * @return {@code true} if an error is among the diagnostics
     */
    public boolean hasErrors() {
        synchronized (shared) {
            return shared.all.stream().anyMatch(Diagnostic::isError);
        }
    }

    /**
     * Everything reported so far, sorted by file, line and column (stable for equal positions).
     *
     * @return the diagnostics
     */
    public List<Diagnostic> all() {
        synchronized (shared) {
            List<Diagnostic> sorted = new ArrayList<>(shared.all);
            sorted.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
                    .thenComparingInt(d -> d.location().line())
                    .thenComparingInt(d -> d.location().column()));
            return List.copyOf(sorted);
        }
    }

    /**
     * All diagnostics rendered, one after the other.
     *
     * @return the text
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : all()) {
            out.append(d.render());
        }
        return out.toString();
    }

    /**
     * Suggests a near name ("did you mean …") among candidates, by edit distance.
     *
     * @param wrong the unknown name
     * @param candidates the known names
     * @return the hints: none, or one "did you mean" line
     */
    public static List<String> didYouMean(String wrong, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        if (best != null && bestDistance <= allowed) {
            return List.of("did you mean '" + best + "'?");
        }
        return List.of();
    }

    /**
     * Edit distance counting a swap of two adjacent characters as one edit (optimal string
     * alignment), as the "did you mean" hints measure it.
     *
     * @param a one name
     * @param b another
     * @return the number of edits
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
