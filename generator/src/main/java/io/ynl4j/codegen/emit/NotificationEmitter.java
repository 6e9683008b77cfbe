package io.ynl4j.codegen.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.spec.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Emits the family's notification types: the sealed interface {@code <Family>Notification}
 * permitting every record that arrives on multicast groups (see {@link MessagePlan#notifications})
 * (and {@code <Op>Notification(int messageType, <Reply> message)} wrappers for deletions multicast
 * with a reply's layout) and {@code <Family>UnknownNotification(int type, int flags, Bytes payload)}
 * for the rest, with a
 * static {@code decode} dispatching on the message type (generic netlink: the command).
 */
public final class NotificationEmitter {
    private NotificationEmitter() {}

    // Emits:
    // public sealed interface RtAddrNotification permits GetaddrReply, GetmulticastReply, RtAddrUnknownNotification {
    //     static RtAddrNotification decode(NetlinkMessage m) {
    //         return switch (m.type()) { case 20 -> GetaddrReply.decode(m); case 58 -> GetmulticastReply.decode(m);
    //             default -> RtAddrUnknownNotification.decode(m); };
    //     }
    // }
    // public record RtAddrUnknownNotification(int type, int flags, Bytes payload) implements RtAddrNotification { … }
    /**
     * The interface and the catch-all record.
     *
     * @param messages the family's messages
     * @return the two types
     */
    public static List<TypeSpec> emit(MessagePlan messages) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        boolean genl = family.protocol().isGeneric();
        ClassName name = plan.notification();
        ClassName unknown = plan.unknownNotification();

        Set<ClassName> permitted = new LinkedHashSet<>();
        messages.notifications().forEach(n -> permitted.add(messages.name(n)));
        permitted.add(unknown);
        StringBuilder doc = new StringBuilder("A message of the {@code ")
                .append(family.name())
                .append("} family received on a multicast group: a {@code switch} over the permitted records is")
                .append(" exhaustive.\n\n<p>");
        if (messages.notifications().isEmpty()) {
            doc.append("The spec lists no notifications, so every message decodes to {@link ")
                    .append(unknown.simpleName())
                    .append("}.\n");
        } else {
            doc.append(genl ? "Commands" : "Message types").append(": ");
            for (int i = 0; i < messages.notifications().size(); i++) {
                MessagePlan.Notification n = messages.notifications().get(i);
                doc.append(i == 0 ? "" : ", ")
                        .append(n.messageId())
                        .append(" as {@link ")
                        .append(messages.name(n).simpleName())
                        .append("}");
            }
            doc.append("; anything else as {@link ")
                    .append(unknown.simpleName())
                    .append("}.\n");
        }
        MethodSpec.Builder decode = MethodSpec.methodBuilder("decode")
                .addJavadoc(
                        "Decodes a notification by its $L.\n\n@param m the message\n@return the notification\n"
                                + "@throws io.ynl4j.runtime.MalformedMessageException when a listed message does not decode\n",
                        genl ? "genetlink command" : "message type")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(name)
                .addParameter(RuntimeNames.NETLINK_MESSAGE, "m");
        decode.beginControlFlow("return switch ($L)", genl ? "m.genlCommand()" : "m.type()");
        for (MessagePlan.Notification n : messages.notifications()) {
            if (n.wrapper().isPresent()) {
                decode.addStatement(
                        "case $L -> new $T($L, $T.decode(m))",
                        n.messageId(),
                        messages.name(n),
                        genl ? "m.genlCommand()" : "m.type()",
                        messages.name(n.shape()));
            } else {
                decode.addStatement("case $L -> $T.decode(m)", n.messageId(), messages.name(n.shape()));
            }
        }
        decode.addStatement("default -> $T.decode(m)", unknown);
        decode.endControlFlow("");
        TypeSpec iface = TypeSpec.interfaceBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addAnnotation(AttrSetEmitter.generated(family))
                .addJavadoc("$L", doc)
                .addPermittedSubclasses(permitted)
                .addMethod(decode.build())
                .build();

        TypeSpec record = TypeSpec.recordBuilder(unknown)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AttrSetEmitter.generated(family))
                .addSuperinterface(name)
                .addJavadoc(
                        "A notification of the {@code $L} family whose $L the spec does not list, kept as received.\n\n"
                                + "@param messageType the netlink message type$L\n@param flags the {@code NLM_F_*} flags\n"
                                + "@param payload what follows the {@code nlmsghdr}$L\n",
                        family.name(),
                        genl ? "command" : "message type",
                        genl ? " (the family's id)" : "",
                        genl ? " (the {@code genlmsghdr} first: its first byte is the command)" : "")
                .recordConstructor(MethodSpec.compactConstructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(ParameterSpec.builder(TypeName.INT, "messageType")
                                .build())
                        .addParameter(
                                ParameterSpec.builder(TypeName.INT, "flags").build())
                        .addParameter(ParameterSpec.builder(RuntimeNames.BYTES, "payload")
                                .build())
                        .addStatement("$T.requireNonNull(payload, $S)", Objects.class, "payload")
                        .build())
                .addMethod(MethodSpec.methodBuilder("decode")
                        .addJavadoc("Keeps a message as received.\n\n@param m the message\n@return the notification\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(unknown)
                        .addParameter(RuntimeNames.NETLINK_MESSAGE, "m")
                        .addStatement("byte[] all = m.toByteArray()")
                        .addStatement(
                                "return new $T(m.type(), m.flags(), $T.wrap($T.copyOfRange(all, 16, all.length)))",
                                unknown,
                                RuntimeNames.BYTES,
                                Arrays.class)
                        .build())
                .build();
        List<TypeSpec> out = new ArrayList<>(List.of(iface, record));
        for (MessagePlan.Notification n : messages.notifications()) {
            if (n.wrapper().isPresent()) {
                out.add(wrapper(messages, n));
            }
        }
        return List.copyOf(out);
    }

    // Emits:
    // public record DeladdrNotification(int messageType, GetaddrReply message) implements RtAddrNotification {
    //     public static final int MESSAGE_TYPE = 21;
    //     public DeladdrNotification { Objects.requireNonNull(message, "message"); }
    // }
    private static TypeSpec wrapper(MessagePlan messages, MessagePlan.Notification n) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        boolean genl = family.protocol().isGeneric();
        ClassName name = messages.name(n);
        ClassName message = messages.name(n.shape());
        String op = n.wrapper().orElseThrow().replaceFirst("/notification$", "");
        String component = genl ? "command" : "messageType";
        String constant = genl ? "COMMAND" : "MESSAGE_TYPE";
        return TypeSpec.recordBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AttrSetEmitter.generated(family))
                .addSuperinterface(plan.notification())
                .addJavadoc(
                        "A {@code $L} notification of the {@code $L} family: the kernel multicasts $L $L"
                                + " with the layout of {@link $T}.\n\n"
                                + "@param $L the $L, {@value #$L}\n"
                                + "@param message the message, decoded as {@link $T}\n",
                        op,
                        family.name(),
                        genl ? "command" : "message type",
                        n.messageId(),
                        message,
                        component,
                        genl ? "genetlink command" : "netlink message type",
                        constant,
                        message)
                .addField(FieldSpec.builder(TypeName.INT, constant)
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                "The $L of this notification.\n", genl ? "genetlink command" : "netlink message type")
                        .initializer("$L", n.messageId())
                        .build())
                .recordConstructor(MethodSpec.compactConstructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(
                                ParameterSpec.builder(TypeName.INT, component).build())
                        .addParameter(ParameterSpec.builder(message, "message").build())
                        .addStatement("$T.requireNonNull(message, $S)", Objects.class, "message")
                        .build())
                .build();
    }
}
