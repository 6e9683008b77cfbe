package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.McastGroup;
import io.ynl4j.spec.Operation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits the family facade {@code <Family>}: the {@code FAMILY} descriptor, message-type constants
 * under their uapi names ({@code RTM_GETMULTICAST = 58}), multicast groups ({@code
 * RTNLGRP_IPV4_IFADDR = 5}; generic netlink groups as names, resolved when subscribing), the
 * attribute-name table errors use, and the entry points {@code client(NetlinkSocket)}, {@code open()}
 * and {@code subscribe(…)}.
 */
public final class FacadeEmitter {
    private FacadeEmitter() {}

    /** Names the facade declares besides the constants. */
    private static final Set<String> OWN = Set.of("FAMILY", "ATTRIBUTE_NAMES");

    /**
     * The message-id constants: uapi name to value, one per operation with an id (the request id,
     * else the reply id), in operation order; clashing names get {@code _} appended.
     *
     * @param family the family
     * @return the constants
     */
    static Map<String, Integer> operationConstants(Family family) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(OWN);
        for (Operation op : family.operations()) {
            if (op.isReserved()) {
                continue;
            }
            int value;
            if (op.requestId().isPresent()) {
                value = op.requestId().getAsInt();
            } else if (op.replyId().isPresent()) {
                value = op.replyId().getAsInt();
            } else {
                continue;
            }
            String name = JavaNames.operationConstant(family, op);
            while (!taken.add(name)) {
                name = name + "_";
            }
            out.put(name, value);
        }
        return out;
    }

    // Emits:
    // public final class RtAddr {
    //     public static final FamilyDescriptor FAMILY = FamilyDescriptor.raw("rt-addr", NetlinkProtocol.of(0),
    // Ifaddrmsg.SIZE);
    //     public static final int RTM_NEWADDR = 20; … public static final int RTNLGRP_IPV4_IFADDR = 5; …
    //     public static final AttrNameTable ATTRIBUTE_NAMES = AttrNameTable.builder().set("addr-attrs", "1
    // address,…").build();
    //     public static RtAddrClient client(NetlinkSocket socket) { … }
    //     public static RtAddrClient open() { … }
    //     public static NotificationSubscription<RtAddrNotification> subscribe(int... groups) { … }
    // }
    /**
     * The facade.
     *
     * @param messages the family's messages
     * @return the type
     */
    public static TypeSpec emit(MessagePlan messages) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        boolean genl = family.protocol().isGeneric();
        ClassName name = plan.facade();
        ClassName client = plan.client();
        TypeName subscription = ParameterizedTypeName.get(RuntimeNames.NOTIFICATION_SUBSCRIPTION, plan.notification());
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(AttrSetEmitter.generated(family));
        StringBuilder doc = new StringBuilder("The netlink family {@code " + family.name() + "}");
        doc.append(
                genl
                        ? " (generic netlink, resolved by name)"
                        : " (netlink protocol " + family.protonum().orElse(0) + ")");
        String familyDoc = Javadocs.sanitize(family.doc());
        doc.append(familyDoc.isEmpty() ? "." : ": " + familyDoc);
        doc.append(
                        "\n\n<p>Message-type constants, multicast groups, and the entry points: {@link #client}, {@link #open()},")
                .append(" {@link #subscribe}.\n");
        type.addJavadoc("$L", doc);
        type.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        CodeBlock headerSize = family.fixedHeader()
                .map(h -> CodeBlock.of("$T.SIZE", plan.struct(h)))
                .orElse(CodeBlock.of("0"));
        CodeBlock descriptor = genl
                ? CodeBlock.of(
                        "$T.genetlink($S, $L, $L)",
                        RuntimeNames.FAMILY_DESCRIPTOR,
                        family.name(),
                        family.version().orElse(1),
                        headerSize)
                : CodeBlock.of(
                        "$T.raw($S, $T.of($L), $L)",
                        RuntimeNames.FAMILY_DESCRIPTOR,
                        family.name(),
                        RuntimeNames.NETLINK_PROTOCOL,
                        family.protonum().orElse(0),
                        headerSize);
        type.addField(FieldSpec.builder(
                        RuntimeNames.FAMILY_DESCRIPTOR, "FAMILY", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The family, for {@link $T} and hand-written code.\n", RuntimeNames.NETLINK_CLIENT)
                .initializer(descriptor)
                .build());

        Set<String> taken = new HashSet<>(OWN);
        Map<String, Integer> ops = operationConstants(family);
        for (Map.Entry<String, Integer> e : ops.entrySet()) {
            taken.add(e.getKey());
            type.addField(FieldSpec.builder(TypeName.INT, e.getKey(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("$L {@code $L}.\n", genl ? "Command" : "Message type", opFor(family, e.getKey(), ops))
                    .initializer("$L", e.getValue())
                    .build());
        }
        for (McastGroup g : family.mcastGroups()) {
            String c = JavaNames.mcastGroupConstant(family, g);
            while (!taken.add(c)) {
                c = c + "_";
            }
            if (genl || g.value().isEmpty()) {
                type.addField(FieldSpec.builder(String.class, c, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                "Multicast group {@code $L}, by name (its id is resolved through nlctrl).\n", g.name())
                        .initializer("$S", g.name())
                        .build());
            } else {
                type.addField(FieldSpec.builder(TypeName.INT, c, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Multicast group {@code $L}.\n", g.name())
                        .initializer("$L", g.value().getAsInt())
                        .build());
            }
        }

        CodeBlock.Builder table = CodeBlock.builder().add("$T.builder()", RuntimeNames.ATTR_NAME_TABLE);
        for (AttributeSet s : family.attributeSets()) {
            table.add("\n.set($S, $S)", s.name(), entries(s));
        }
        table.add("\n.build()");
        type.addField(FieldSpec.builder(
                        RuntimeNames.ATTR_NAME_TABLE,
                        "ATTRIBUTE_NAMES",
                        Modifier.PUBLIC,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .addJavadoc("The attribute names of every set, for naming the attribute an error points at.\n")
                .initializer("$L", table.build())
                .build());

        type.addMethod(MethodSpec.methodBuilder("client")
                .addJavadoc(
                        "A client over a socket the caller owns (closing the client leaves it open).\n\n"
                                + "@param socket a socket of protocol {@code $L}\n@return the client\n",
                        genl ? "generic" : family.protonum().orElse(0))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeNames.NETLINK_SOCKET, "socket")
                .addStatement("return new $T($T.of(socket, FAMILY))", client, RuntimeNames.NETLINK_CLIENT)
                .build());
        type.addMethod(MethodSpec.methodBuilder("open")
                .addJavadoc("A client with a socket of its own, closed with the client.\n\n@return the client\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addStatement("return open($T.DEFAULTS)", RuntimeNames.SOCKET_OPTIONS)
                .build());
        type.addMethod(MethodSpec.methodBuilder("open")
                .addJavadoc("A client with a socket of its own, closed with the client.\n\n"
                        + "@param options the socket's options (namespace, buffer size, …)\n@return the client\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(client)
                .addParameter(RuntimeNames.SOCKET_OPTIONS, "options")
                .addStatement("return new $T($T.open(FAMILY, options))", client, RuntimeNames.NETLINK_CLIENT)
                .build());

        TypeName groupType = genl ? ClassName.get(String.class) : TypeName.INT;
        String groupDoc =
                genl ? "group names, e.g. the {@code *_MCGRP_*} constants" : "group numbers, e.g. the group constants";
        type.addMethod(MethodSpec.methodBuilder("subscribe")
                .addJavadoc(
                        "Subscribes to multicast groups on a socket of its own; messages decode to {@link $T}.\n\n"
                                + "@param groups the $L\n@return the subscription\n",
                        plan.notification(),
                        groupDoc)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .varargs(true)
                .returns(subscription)
                .addParameter(com.palantir.javapoet.ArrayTypeName.of(groupType), "groups")
                .addStatement("return subscribe($T.DEFAULTS, groups)", RuntimeNames.SOCKET_OPTIONS)
                .build());
        MethodSpec.Builder sub = MethodSpec.methodBuilder("subscribe")
                .addJavadoc(
                        "Subscribes to multicast groups on a socket of its own; messages decode to {@link $T}.\n\n"
                                + "@param options the socket's options\n@param groups the $L\n@return the subscription\n",
                        plan.notification(),
                        groupDoc)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .varargs(true)
                .returns(subscription)
                .addParameter(RuntimeNames.SOCKET_OPTIONS, "options")
                .addParameter(com.palantir.javapoet.ArrayTypeName.of(groupType), "groups");
        if (genl) {
            sub.addStatement(
                            "$T.Builder builder = $T.builder(FAMILY.protocol()).options(options)",
                            RuntimeNames.SUBSCRIPTION,
                            RuntimeNames.SUBSCRIPTION)
                    .beginControlFlow("for (String group : groups)")
                    .addStatement("builder.genlGroup(FAMILY.name(), group)")
                    .endControlFlow()
                    .addStatement(
                            "return new $T<>(builder.open(), $T::decode)",
                            RuntimeNames.NOTIFICATION_SUBSCRIPTION,
                            plan.notification());
        } else {
            sub.addStatement(
                    "return new $T<>($T.open(FAMILY.protocol(), options, groups), $T::decode)",
                    RuntimeNames.NOTIFICATION_SUBSCRIPTION,
                    RuntimeNames.SUBSCRIPTION,
                    plan.notification());
        }
        type.addMethod(sub.build());
        return type.build();
    }

    private static String opFor(Family family, String constant, Map<String, Integer> ops) {
        for (Operation op : family.operations()) {
            String c = JavaNames.operationConstant(family, op);
            if (constant.startsWith(c) && ops.containsKey(constant)) {
                return op.name();
            }
        }
        return constant;
    }

    /** The compact entries of {@code AttrNameTable.Builder.set}. */
    static String entries(AttributeSet s) {
        StringBuilder out = new StringBuilder();
        for (Attribute a : s.attributes()) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(a.value()).append(' ').append(a.name());
            switch (a.type()) {
                case AttrType.Nest n -> out.append('>').append(n.attributeSet());
                case AttrType.NestTypeValue n -> out.append('>').append(n.attributeSet());
                default -> {}
            }
        }
        return out.toString();
    }
}
