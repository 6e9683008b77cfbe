package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code uses, by name: the generator (release 21, running inside Maven)
 * never loads the runtime (release 22, FFM). A test checks every name resolves in the runtime jar.
 */
public final class RuntimeNames {
    private RuntimeNames() {}

    static final String RUNTIME = "io.ynl4j.runtime";
    static final String CODEC = "io.ynl4j.runtime.codec";

    /** {@code Ynl4jGenerated}. */
    public static final ClassName GENERATED = ClassName.get(RUNTIME, "Ynl4jGenerated");
    /** {@code Bytes}. */
    public static final ClassName BYTES = ClassName.get(RUNTIME, "Bytes");
    /** {@code FlagSet}. */
    public static final ClassName FLAG_SET = ClassName.get(RUNTIME, "FlagSet");
    /** {@code EnumValue}. */
    public static final ClassName ENUM_VALUE = ClassName.get(RUNTIME, "EnumValue");
    /** {@code NetlinkFlag}. */
    public static final ClassName NETLINK_FLAG = ClassName.get(RUNTIME, "NetlinkFlag");
    /** {@code NetlinkEnum}. */
    public static final ClassName NETLINK_ENUM = ClassName.get(RUNTIME, "NetlinkEnum");
    /** {@code RawAttribute}. */
    public static final ClassName RAW_ATTRIBUTE = ClassName.get(RUNTIME, "RawAttribute");
    /** {@code UnknownAttributes}. */
    public static final ClassName UNKNOWN_ATTRIBUTES = ClassName.get(RUNTIME, "UnknownAttributes");
    /** {@code StructReader}. */
    public static final ClassName STRUCT_READER = ClassName.get(CODEC, "StructReader");
    /** {@code StructWriter}. */
    public static final ClassName STRUCT_WRITER = ClassName.get(CODEC, "StructWriter");
    /** {@code AttrReader}. */
    public static final ClassName ATTR_READER = ClassName.get(CODEC, "AttrReader");
    /** {@code MessageWriter}. */
    public static final ClassName MESSAGE_WRITER = ClassName.get(CODEC, "MessageWriter");
    /** {@code Selectors}. */
    public static final ClassName SELECTORS = ClassName.get(CODEC, "Selectors");
    /** {@code Bitfield32}. */
    public static final ClassName BITFIELD32 = ClassName.get(RUNTIME, "Bitfield32");

    /** Every name above, for the resolution test. */
    public static final ClassName[] ALL = {
        GENERATED,
        BYTES,
        FLAG_SET,
        ENUM_VALUE,
        NETLINK_FLAG,
        NETLINK_ENUM,
        RAW_ATTRIBUTE,
        UNKNOWN_ATTRIBUTES,
        STRUCT_READER,
        STRUCT_WRITER,
        ATTR_READER,
        MESSAGE_WRITER,
        SELECTORS,
        BITFIELD32
    };
}
