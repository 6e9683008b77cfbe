package io.ynl4j.codegen.emit;

import java.util.HashSet;
import java.util.Set;

/**
 * Names of local variables in one generated method. Java forbids a local shadowing another in an
 * enclosing scope, so every name is handed out once per method: component locals first (their own
 * names, or with {@code _} appended), helpers after (numbered: {@code nest}, {@code nest2}).
 */
final class Locals {
    private final Set<String> used = new HashSet<>();

    /**
     * An allocator with some names already taken (parameters).
     *
     * @param reserved the taken names
     */
    Locals(String... reserved) {
        used.addAll(Set.of(reserved));
    }

    /**
     * Claims a name, appending {@code _} until it is free.
     *
     * @param wanted the wanted name
     * @return the name given
     */
    String claim(String wanted) {
        String name = wanted;
        while (!used.add(name)) {
            name = name + "_";
        }
        return name;
    }

    /**
     * A fresh helper name: {@code base}, else {@code base2}, {@code base3}, …
     *
     * @param base the stem
     * @return the name given
     */
    String fresh(String base) {
        if (used.add(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            if (used.add(base + i)) {
                return base + i;
            }
        }
    }
}
