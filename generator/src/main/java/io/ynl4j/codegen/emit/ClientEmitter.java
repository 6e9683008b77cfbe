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
import io.ynl4j.codegen.plan.MessagePlan.Mode;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <Family>Client}: an {@code OperationDescriptor} per do/dump operation and a method
 * per operation and mode over {@code NetlinkClient}. A do returns its reply ({@code
 * GetmulticastReply getmulticast(GetmulticastRequest)}) or nothing when only acknowledged; a dump
 * returns a closeable {@code Stream} ({@code getaddrDump}) and a list ({@code getaddrDumpList});
 * classic {@code new*} operations get an overload taking a {@code CreateMode} and default to {@code
 * CREATE_EXCL}.
 */
public final class ClientEmitter {
    private ClientEmitter() {}

    /** Member names the client has besides its operations. */
    private static final Set<String> RESERVED = Set.of(
            "close",
            "netlinkClient",
            "toString",
            "hashCode",
            "equals",
            "getClass",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");

    /**
     * Whether an operation is a classic "new" operation, which takes create/replace semantics.
     *
     * @param family the family
     * @param op the operation
     * @return {@code true} for e.g. rt-addr's {@code newaddr}
     */
    static boolean isClassicNew(Family family, Operation op) {
        return !family.protocol().isGeneric()
                && op.name().startsWith("new")
                && op.doMode().isPresent();
    }

    /**
     * The descriptor constant of each operation with do or dump, in operation order.
     *
     * @param family the family
     * @return operation name to constant name
     */
    static java.util.Map<String, String> descriptorNames(Family family) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Operation op : family.operations()) {
            if (op.doMode().isEmpty() && op.dumpMode().isEmpty()) {
                continue;
            }
            String c = JavaNames.constantName(op.name());
            while (!taken.add(c)) {
                c = c + "_";
            }
            out.put(op.name(), c);
        }
        return out;
    }

    // Emits:
    // public final class RtAddrClient implements AutoCloseable {
    //     public static final OperationDescriptor GETADDR = new OperationDescriptor(RtAddr.FAMILY, "getaddr", …);
    //     public RtAddrClient(NetlinkClient client) { … }
    //     public void newaddr(NewaddrRequest request) { newaddr(request, CreateMode.CREATE_EXCL); }
    //     public Stream<GetaddrReply> getaddrDump(GetaddrRequest request) { return client.dump(GETADDR,
    // request::encode, GetaddrReply::decode); }
    //     …
    // }
    /**
     * The client.
     *
     * @param messages the family's messages
     * @return the type
     */
    public static TypeSpec emit(MessagePlan messages) {
        FamilyPlan plan = messages.plan();
        Family family = plan.family();
        ClassName name = plan.client();
        ClassName facade = plan.facade();
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addAnnotation(AttrSetEmitter.generated(family));
        type.addJavadoc(
                "Typed operations of the {@code $L} family, one method per operation and mode.\n\n"
                        + "<p>Get one from {@link $T#client} (over a socket the caller owns) or {@link $T#open()} (owning"
                        + " its socket, closed by {@link #close()}). Dumps return streams that must be closed.\n",
                family.name(),
                facade,
                facade);

        java.util.Map<String, String> descriptors = descriptorNames(family);
        for (Operation op : family.operations()) {
            String c = descriptors.get(op.name());
            if (c != null) {
                type.addField(FieldSpec.builder(
                                RuntimeNames.OPERATION_DESCRIPTOR, c, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Operation {@code $L}.\n", op.name())
                        .initializer(descriptor(plan, op))
                        .build());
            }
        }
        type.addField(RuntimeNames.NETLINK_CLIENT, "client", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("A client over the generic layer.\n\n@param client a client of {@link $T#FAMILY}\n", facade)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeNames.NETLINK_CLIENT, "client")
                .addStatement("this.client = $T.requireNonNull(client, $S)", Objects.class, "client")
                .beginControlFlow("if (!client.family().equals($T.FAMILY))", facade)
                .addStatement(
                        "throw new $T($S + client.family().name())",
                        IllegalArgumentException.class,
                        "expected a client of " + family.name() + ", got one of ")
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("netlinkClient")
                .addJavadoc("The generic layer, e.g. for its socket.\n\n@return the client\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(RuntimeNames.NETLINK_CLIENT)
                .addStatement("return client")
                .build());

        Set<String> names = new HashSet<>(RESERVED);
        for (Operation op : family.operations()) {
            String c = descriptors.get(op.name());
            if (c == null) {
                continue;
            }
            String base = JavaNames.memberName(op.name());
            if (op.doMode().isPresent()) {
                String m = claim(names, base);
                addDo(type, messages, op, c, m);
            }
            if (op.dumpMode().isPresent()) {
                String m = claim(names, base + "Dump");
                String list = claim(names, base + "DumpList");
                addDump(type, messages, op, c, m, list);
            }
        }
        type.addMethod(MethodSpec.methodBuilder("close")
                .addJavadoc(
                        "Closes the socket if this client owns it ({@link $T#open()}); otherwise does nothing.\n",
                        facade)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addStatement("client.close()")
                .build());
        return type.build();
    }

    private static String claim(Set<String> names, String wanted) {
        String n = wanted;
        while (!names.add(n)) {
            n = n + "_";
        }
        return n;
    }

    private static CodeBlock descriptor(FamilyPlan plan, Operation op) {
        Family family = plan.family();
        boolean genl = family.protocol().isGeneric();
        CodeBlock doMode = op.doMode()
                .map(m -> mode(op, m, "ofDo", isClassicNew(family, op)))
                .orElse(CodeBlock.of("$T.empty()", Optional.class));
        CodeBlock dumpMode =
                op.dumpMode().map(m -> mode(op, m, "ofDump", false)).orElse(CodeBlock.of("$T.empty()", Optional.class));
        CodeBlock header = op.fixedHeader()
                .map(h -> genl
                        ? CodeBlock.of("$L + $T.SIZE", MessageEmitter.GENL_HDRLEN, plan.struct(h))
                        : CodeBlock.of("$T.SIZE", plan.struct(h)))
                .orElse(CodeBlock.of("$L", genl ? MessageEmitter.GENL_HDRLEN : 0));
        CodeBlock namer = op.attributeSet()
                .map(s -> CodeBlock.of("$T.ATTRIBUTE_NAMES.namer($S)", plan.facade(), s))
                .orElse(CodeBlock.of("$T.NUMERIC", RuntimeNames.ATTR_NAMER));
        return CodeBlock.of(
                "new $T(\n$>$T.FAMILY,\n$S,\n$L,\n$L,\n$L,\n$L)$<",
                RuntimeNames.OPERATION_DESCRIPTOR,
                plan.facade(),
                op.name(),
                doMode,
                dumpMode,
                header,
                namer);
    }

    private static CodeBlock mode(Operation op, Operation.Mode m, String factory, boolean classicNew) {
        int request =
                MessagePlan.messageId(op, m, MessagePlan.Direction.REQUEST).orElse(0);
        OptionalInt reply =
                m.reply().isPresent() ? MessagePlan.messageId(op, m, MessagePlan.Direction.REPLY) : OptionalInt.empty();
        CodeBlock replyId = reply.isPresent()
                ? CodeBlock.of("$T.of($L)", OptionalInt.class, reply.getAsInt())
                : CodeBlock.of("$T.empty()", OptionalInt.class);
        ClassName modeType = RuntimeNames.OPERATION_DESCRIPTOR.nestedClass("Mode");
        if (classicNew) {
            return CodeBlock.of(
                    "$T.of(new $T($L, $L, $T.CREATE_EXCL.requestFlags()))",
                    Optional.class,
                    modeType,
                    request,
                    replyId,
                    RuntimeNames.CREATE_MODE);
        }
        return CodeBlock.of("$T.of($T.$L($L, $L))", Optional.class, modeType, factory, request, replyId);
    }

    /** The payload writer: the request's encode, or just the genetlink header. */
    private static CodeBlock payload(
            MessagePlan messages, Operation op, Optional<MessagePlan.Shape> request, Operation.Mode m) {
        if (request.isPresent()) {
            return CodeBlock.of("request::encode");
        }
        if (messages.plan().family().protocol().isGeneric()) {
            return CodeBlock.of(
                    "out -> out.genlHeader($L, $T.FAMILY.version())",
                    MessagePlan.messageId(op, m, MessagePlan.Direction.REQUEST).orElse(0),
                    messages.plan().facade());
        }
        return CodeBlock.of("out -> {}");
    }

    private static String doc(Operation op, String extra) {
        String d = Javadocs.sanitize(op.doc());
        return (d.isEmpty() ? "Operation {@code " + op.name() + "}." : d) + "\n\n<p>" + extra + "\n";
    }

    private static void addDo(
            TypeSpec.Builder type, MessagePlan messages, Operation op, String descriptor, String method) {
        Family family = messages.plan().family();
        Operation.Mode m = op.doMode().orElseThrow();
        Optional<MessagePlan.Shape> request = messages.request(op, Mode.DO);
        Optional<MessagePlan.Shape> reply = messages.reply(op, Mode.DO);
        CodeBlock payload = payload(messages, op, request, m);
        boolean classicNew = isClassicNew(family, op);
        MethodSpec.Builder b = MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC);
        StringBuilder params = new StringBuilder();
        request.ifPresent(r -> {
            b.addParameter(messages.name(r), "request");
            params.append("@param request the request\n");
        });
        String throwsDoc = "@throws io.ynl4j.runtime.KernelErrorException when the kernel refuses\n";
        if (classicNew) {
            // Default mode overload, then the one taking a CreateMode.
            b.addJavadoc(doc(op, "Runs {@code " + op.name() + "} (do) with {@code CREATE_EXCL}: fails if it exists.")
                    + "\n" + params + (reply.isPresent() ? "@return the reply\n" : "") + throwsDoc);
            String args = request.isPresent() ? "request, " : "";
            if (reply.isPresent()) {
                b.returns(messages.name(reply.get()))
                        .addStatement("return $N($L$T.CREATE_EXCL)", method, args, RuntimeNames.CREATE_MODE);
            } else {
                b.addStatement("$N($L$T.CREATE_EXCL)", method, args, RuntimeNames.CREATE_MODE);
            }
            type.addMethod(b.build());
            MethodSpec.Builder withMode = MethodSpec.methodBuilder(method).addModifiers(Modifier.PUBLIC);
            request.ifPresent(r -> withMode.addParameter(messages.name(r), "request"));
            withMode.addParameter(RuntimeNames.CREATE_MODE, "mode");
            withMode.addJavadoc(doc(op, "Runs {@code " + op.name() + "} (do) with the given create semantics.")
                    + "\n" + params + "@param mode what to do when it exists or not\n"
                    + (reply.isPresent() ? "@return the reply\n" : "") + throwsDoc);
            addCall(withMode, messages, descriptor, payload, reply, CodeBlock.of("mode.requestFlags()"));
            type.addMethod(withMode.build());
            return;
        }
        b.addJavadoc(doc(op, "Runs {@code " + op.name() + "} (do).") + "\n" + params
                + (reply.isPresent() ? "@return the reply\n" : "") + throwsDoc);
        addCall(b, messages, descriptor, payload, reply, CodeBlock.of("$N.requireDo().flags()", descriptor));
        type.addMethod(b.build());
    }

    private static void addCall(
            MethodSpec.Builder b,
            MessagePlan messages,
            String descriptor,
            CodeBlock payload,
            Optional<MessagePlan.Shape> reply,
            CodeBlock flags) {
        if (reply.isPresent()) {
            ClassName r = messages.name(reply.get());
            b.returns(r)
                    .addStatement("return client.executeOne($N, $L, $L, $T::decode)", descriptor, flags, payload, r);
        } else {
            b.addStatement("client.executeAck($N, $L, $L)", descriptor, flags, payload);
        }
    }

    private static void addDump(
            TypeSpec.Builder type, MessagePlan messages, Operation op, String descriptor, String method, String list) {
        Operation.Mode m = op.dumpMode().orElseThrow();
        Optional<MessagePlan.Shape> request = messages.request(op, Mode.DUMP);
        Optional<MessagePlan.Shape> reply = messages.reply(op, Mode.DUMP);
        CodeBlock payload = payload(messages, op, request, m);
        TypeName element = reply.<TypeName>map(messages::name).orElse(RuntimeNames.NETLINK_MESSAGE);
        CodeBlock decoder = reply.isPresent() ? CodeBlock.of("$T::decode", element) : CodeBlock.of("m -> m");
        String params = request.isPresent() ? "@param request the request\n" : "";
        MethodSpec.Builder stream = MethodSpec.methodBuilder(method)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Stream.class), element))
                .addJavadoc(doc(
                                op,
                                "Dumps {@code " + op.name() + "}: a lazy stream of the replies, which must be closed"
                                        + " (closing early drains the rest).")
                        + "\n" + params + "@return the replies\n")
                .addStatement("return client.dump($N, $L, $L)", descriptor, payload, decoder);
        MethodSpec.Builder all = MethodSpec.methodBuilder(list)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), element))
                .addJavadoc(doc(op, "Dumps {@code " + op.name() + "} to its end.") + "\n" + params
                        + "@return the replies\n"
                        + "@throws io.ynl4j.runtime.DumpInterruptedException when the kernel flagged the dump"
                        + " inconsistent\n")
                .addStatement("return client.dumpList($N, $L, $L)", descriptor, payload, decoder);
        request.ifPresent(r -> {
            stream.addParameter(messages.name(r), "request");
            all.addParameter(messages.name(r), "request");
        });
        type.addMethod(stream.build());
        type.addMethod(all.build());
    }
}
