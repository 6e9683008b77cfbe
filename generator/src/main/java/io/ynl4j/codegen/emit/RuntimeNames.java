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

    /** {@code NetlinkMessage}. */
    public static final ClassName NETLINK_MESSAGE = ClassName.get(RUNTIME, "NetlinkMessage");
    /** {@code NetlinkSocket}. */
    public static final ClassName NETLINK_SOCKET = ClassName.get(RUNTIME, "NetlinkSocket");
    /** {@code NetlinkProtocol}. */
    public static final ClassName NETLINK_PROTOCOL = ClassName.get(RUNTIME, "NetlinkProtocol");
    /** {@code SocketOptions}. */
    public static final ClassName SOCKET_OPTIONS = ClassName.get(RUNTIME, "SocketOptions");
    /** {@code NetlinkClient}. */
    public static final ClassName NETLINK_CLIENT = ClassName.get(RUNTIME, "NetlinkClient");
    /** {@code FamilyDescriptor}. */
    public static final ClassName FAMILY_DESCRIPTOR = ClassName.get(RUNTIME, "FamilyDescriptor");
    /** {@code OperationDescriptor}. */
    public static final ClassName OPERATION_DESCRIPTOR = ClassName.get(RUNTIME, "OperationDescriptor");
    /** {@code CreateMode}. */
    public static final ClassName CREATE_MODE = ClassName.get(RUNTIME, "CreateMode");
    /** {@code AttrNameTable}. */
    public static final ClassName ATTR_NAME_TABLE = ClassName.get(RUNTIME, "AttrNameTable");
    /** {@code AttrNamer}. */
    public static final ClassName ATTR_NAMER = ClassName.get(RUNTIME, "AttrNamer");
    /** {@code Subscription}. */
    public static final ClassName SUBSCRIPTION = ClassName.get(RUNTIME, "Subscription");
    /** {@code NotificationSubscription}. */
    public static final ClassName NOTIFICATION_SUBSCRIPTION = ClassName.get(RUNTIME, "NotificationSubscription");

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
        BITFIELD32,
        NETLINK_MESSAGE,
        NETLINK_SOCKET,
        NETLINK_PROTOCOL,
        SOCKET_OPTIONS,
        NETLINK_CLIENT,
        FAMILY_DESCRIPTOR,
        OPERATION_DESCRIPTOR,
        CREATE_MODE,
        ATTR_NAME_TABLE,
        ATTR_NAMER,
        SUBSCRIPTION,
        NOTIFICATION_SUBSCRIPTION
    };
}
