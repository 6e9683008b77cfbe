package io.ynl4j.codegen.plan;

import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.EnumEntry;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.McastGroup;
import io.ynl4j.spec.Operation;
import io.ynl4j.spec.Protocol;
import java.util.Locale;
import java.util.Set;

/**
 * Name conversion from spec names to Java, done by us (not by whatever JDK runs the build) so
 * output is the same everywhere: PascalCase and lowerCamel by splitting on {@code -} and {@code _}
 * only (no dictionary guessing, so names stay greppable against the spec); Java keywords get a
 * trailing {@code _}, leading digits a leading {@code _}. Integer constants get their uapi C names,
 * computed with the kernel's prefix rules, so they match kernel headers.
 */
public final class JavaNames {
    private JavaNames() {}

    /** Java's keywords and literals (reserved in every release we target), plus contextual ones that break records. */
    private static final Set<String> RESERVED = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "yield",
            "record",
            "sealed",
            "permits",
            "non-sealed",
            "_");

    private static String[] words(String specName) {
        return specName.split("[-_]+");
    }

    /**
     * PascalCase: {@code ifa-cacheinfo} → {@code IfaCacheinfo}, {@code 8021q} → {@code _8021q}.
     *
     * @param specName a spec name
     * @return the Java type name
     */
    public static String typeName(String specName) {
        StringBuilder out = new StringBuilder();
        for (String w : words(specName)) {
            if (!w.isEmpty()) {
                out.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            }
        }
        return mangle(out.isEmpty() ? "_" : out.toString());
    }

    /**
     * lowerCamel: {@code mc-users} → {@code mcUsers}, {@code default} → {@code default_}.
     *
     * @param specName a spec name
     * @return the Java member name
     */
    public static String memberName(String specName) {
        StringBuilder out = new StringBuilder();
        for (String w : words(specName)) {
            if (w.isEmpty()) {
                continue;
            }
            if (out.isEmpty()) {
                out.append(w.substring(0, 1).toLowerCase(Locale.ROOT)).append(w.substring(1));
            } else {
                out.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
            }
        }
        return mangle(out.isEmpty() ? "_" : out.toString());
    }

    /**
     * UPPER_SNAKE: {@code stable-privacy} → {@code STABLE_PRIVACY}.
     *
     * @param specName a spec name
     * @return the constant name
     */
    public static String constantName(String specName) {
        return mangle(cUpper(specName));
    }

    /**
     * The kernel's {@code c_upper}: {@code -} to {@code _}, upper case.
     *
     * @param text a name or prefix
     * @return the C spelling
     */
    public static String cUpper(String text) {
        return text.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String mangle(String name) {
        if (RESERVED.contains(name)) {
            return name + "_";
        }
        if (Character.isDigit(name.charAt(0))) {
            return "_" + name;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return out.toString();
    }

    /**
     * The package of a family's code: the base package plus the family name lower-cased with
     * everything but letters and digits removed ({@code rt-addr} → {@code …rtaddr}).
     *
     * @param basePackage e.g. {@code com.acme.netlink}
     * @param family the family name
     * @return the package
     */
    public static String packageName(String basePackage, String family) {
        String leaf = family.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (leaf.isEmpty() || Character.isDigit(leaf.charAt(0)) || RESERVED.contains(leaf)) {
            leaf = "_" + leaf;
        }
        return basePackage.isEmpty() ? leaf : basePackage + "." + leaf;
    }

    private static String ident(Family f) {
        return f.name().replace('-', '_');
    }

    /**
     * The uapi name of an attribute: the set's {@code name-prefix} (or, by the kernel's default,
     * {@code <family>-a-} for the set named like the family, else {@code <family>-a-<set>-}) plus
     * the attribute name, C-cased: {@code IFA_MC_USERS}.
     *
     * @param f the family
     * @param set the attribute set
     * @param attribute the attribute's spec name
     * @return the constant name
     */
    public static String attributeConstant(Family f, AttributeSet set, String attribute) {
        String prefix = set.namePrefix()
                .orElse(set.name().equals(f.name()) ? ident(f) + "-a-" : ident(f) + "-a-" + set.name() + "-");
        return constantName(prefix + attribute);
    }

    /**
     * The uapi name of an operation's message id: {@code operations.name-prefix} (default
     * {@code <family>-cmd-}) plus the name; for notify and event operations {@code async-prefix}
     * when given: {@code RTM_GETMULTICAST}.
     *
     * @param f the family
     * @param op the operation
     * @return the constant name
     */
    public static String operationConstant(Family f, Operation op) {
        String prefix = f.operationNaming().getOrDefault("name-prefix", ident(f) + "-cmd-");
        if (op.notifies().isPresent() || op.event().isPresent()) {
            prefix = f.operationNaming().getOrDefault("async-prefix", prefix);
        }
        return constantName(prefix + op.name());
    }

    /**
     * The uapi name of a multicast group: {@code c-define-name} when given; for netlink-raw
     * families the group's own name (they are named after their uapi constant, e.g.
     * {@code rtnlgrp-ipv4-ifaddr}); else {@code <family>-mcgrp-<group>}.
     *
     * @param f the family
     * @param g the group
     * @return the constant name
     */
    public static String mcastGroupConstant(Family f, McastGroup g) {
        if (g.cDefineName().isPresent()) {
            return constantName(g.cDefineName().get());
        }
        if (f.protocol() == Protocol.NETLINK_RAW) {
            return constantName(g.name());
        }
        return constantName(ident(f) + "-mcgrp-" + g.name());
    }

    /**
     * The uapi name of an enum entry: the enum's {@code name-prefix} (default
     * {@code <family>-<enum>-}) plus the entry name.
     *
     * @param f the family
     * @param e the enum
     * @param entry the entry
     * @return the constant name
     */
    public static String enumEntryConstant(Family f, Definition.Enum e, EnumEntry entry) {
        String prefix = e.namePrefix().orElse(ident(f) + "-" + e.name() + "-");
        return constantName(prefix + entry.name());
    }
}
