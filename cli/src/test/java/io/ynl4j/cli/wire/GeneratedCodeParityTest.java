package io.ynl4j.cli.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.cli.json.Json;
import io.ynl4j.codegen.emit.GeneratedClasses;
import io.ynl4j.codegen.emit.GeneratedSources;
import io.ynl4j.codegen.emit.RandomMessages;
import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.codegen.plan.Planner;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.spec.Family;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity of the CLI's run-time codec with the generated code (issue 6: "the same encoding and decoding as the
 * generated code"). Property, for every generated message record (request, reply, event notification) of rt-addr,
 * rt-link, rt-route, netdev, nlctrl and ethtool, built at random through its builder by the generator's
 * {@link RandomMessages}:
 *
 * <ol>
 *   <li>the generated {@code encode} writes a whole netlink message B (random {@code NLM_F_*} flags);
 *   <li>{@link SpecCodec#decode} turns B into JSON with the layout of the record's operation, which is written as
 *       JSON text and read back (what a user of {@code ynl4j decode} and {@code encode} would do);
 *   <li>{@link SpecCodec#encodeMessage} turns that JSON into B2 with the same message type, flags and genetlink
 *       header, and B2 must equal B byte for byte;
 *   <li>the generated {@code decode} of B2 equals the original record.
 * </ol>
 *
 * <p>Seeded: the base seed is fixed (override with {@code -Dynl4j.property.seed=0x…}); a failure names the family, the
 * record, the try and the seed, and prints the record, the bytes and the JSON.
 */
class GeneratedCodeParityTest {
    static final List<String> SPECS =
            List.of("rt-addr.yaml", "rt-link.yaml", "rt-route.yaml", "netdev.yaml", "nlctrl.yaml", "ethtool.yaml");
    static final String BASE = "parity";
    /** Tries per message record, at least. */
    static final int TRIES = 100;
    /** Tries per family, at least (families with few records try each more often). */
    static final int FAMILY_TRIES = 600;
    /** The message type of generic netlink messages: a family id as nlctrl would give it, any fixed number. */
    static final int GENL_FAMILY_ID = 0x1e;

    static final String SEED_PROPERTY = "ynl4j.property.seed";
    static final long DEFAULT_SEED = 0x9a41_7e57_c0deL;

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    static Path dir;

    static GeneratedClasses gen;
    static final Map<String, Family> families = new LinkedHashMap<>();
    static final Map<String, MessagePlan> plans = new LinkedHashMap<>();

    @BeforeAll
    static void compile() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "runs on little-endian hosts");
        List<JavaFile> files = new ArrayList<>();
        for (String spec : SPECS) {
            Family family = GeneratedSources.kernelFamily(spec);
            families.put(spec, family);
            FamilyPlan plan = Planner.plan(family, BASE, MessagePlan.requests(family));
            plans.put(spec, MessagePlan.of(plan));
            files.addAll(GeneratedSources.all(family, BASE));
        }
        gen = GeneratedClasses.compile(files, dir);
    }

    @AfterAll
    static void close() throws Exception {
        if (gen != null) {
            gen.close();
        }
    }

    static long baseSeed() {
        String fixed = System.getProperty(SEED_PROPERTY, "");
        return fixed.isBlank() ? DEFAULT_SEED : Long.parseUnsignedLong(fixed.replaceFirst("^0[xX]", ""), 16);
    }

    static NetlinkMessage message(byte[] bytes) {
        return new NetlinkMessage(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    @Test
    void theCliCodecDecodesAndReEncodesEveryGeneratedMessageToTheSameBytes() {
        long seed = baseSeed();
        long started = System.nanoTime();
        Map<String, Integer> recordsPerFamily = new TreeMap<>();
        Map<String, Integer> triesPerFamily = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        SplittableRandom base = new SplittableRandom(seed);
        for (String spec : SPECS) {
            Family family = families.get(spec);
            MessagePlan messages = plans.get(spec);
            SpecCodec codec = new SpecCodec(family);
            boolean generic = family.protocol().isGeneric();
            RandomMessages random = new RandomMessages(gen, family, messages.plan(), messages);
            int count = messages.shapes().size();
            int tries = Math.max(TRIES, (FAMILY_TRIES + count - 1) / count);
            for (MessagePlan.Shape shape : messages.shapes()) {
                String name = messages.name(shape).reflectionName();
                Class<?> type = gen.type(name);
                int msgType = generic ? GENL_FAMILY_ID : shape.messageId();
                SplittableRandom perRecord = base.split();
                recordsPerFamily.merge(family.name(), 1, Integer::sum);
                for (int i = 0; i < tries; i++) {
                    SplittableRandom r = perRecord.split();
                    Object record = null;
                    byte[] bytes = null;
                    String text = null;
                    try {
                        record = random.message(type, r);
                        int flags = r.nextInt(0x10000);
                        bytes = generatedEncode(record, msgType, flags);

                        Map<String, Object> json = codec.decode(message(bytes), shape.op());
                        if (i == 0) {
                            // What decode and --subscribe do: find the operation by the message id.
                            boolean request = shape.direction() == MessagePlan.Direction.REQUEST;
                            assertThat(codec.operationFor(shape.messageId(), request)
                                            .map(codec::layout))
                                    .as(
                                            "the layout of the operation SpecCodec finds for message id %d",
                                            shape.messageId())
                                    .contains(codec.layout(shape.op()));
                        }
                        text = Json.write(json);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> read = (Map<String, Object>) Json.parse(text);
                        MessageWriter out = new MessageWriter();
                        codec.encodeMessage(out, shape.op(), shape.messageId(), read, flags, GENL_FAMILY_ID);
                        byte[] again = out.toByteArray();

                        assertThat(HEX.formatHex(again))
                                .as("SpecCodec's bytes for the decoded JSON")
                                .isEqualTo(HEX.formatHex(bytes));
                        assertThat(gen.callStatic(name, "decode", message(again)))
                                .as("the generated decode of SpecCodec's bytes")
                                .isEqualTo(record);
                        triesPerFamily.merge(family.name(), 1, Integer::sum);
                    } catch (Throwable t) {
                        failures.add(name + " (" + spec + " " + shape.key() + ") failed at try " + (i + 1) + " of "
                                + tries + "; rerun with -D" + SEED_PROPERTY + "=0x" + Long.toHexString(seed) + ": "
                                + t + "\n  record: " + record
                                + "\n  bytes:  " + (bytes == null ? "-" : HEX.formatHex(bytes))
                                + "\n  json:   " + text);
                        break;
                    }
                }
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        int records =
                recordsPerFamily.values().stream().mapToInt(Integer::intValue).sum();
        int tries = triesPerFamily.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "property 'CLI codec parity': %d message records %s, %d passing tries %s in %d ms (seed 0x%s)%n",
                records, recordsPerFamily, tries, triesPerFamily, ms, Long.toHexString(seed));
        assertThat(failures)
                .as("records whose bytes differ between SpecCodec and the generated code")
                .isEmpty();
        assertThat(records).isGreaterThan(100);
    }

    /**
     * Every message id a family's multicast groups may carry (notify and event operations, replies, and deletions
     * multicast with a reply's layout such as rt-addr's RTM_DELADDR): a random record of its layout, sent under that id,
     * decodes through the generated {@code <Family>Notification.decode} and through SpecCodec with the operation
     * {@link SpecCodec#operationFor} finds for the id (as {@code call --subscribe} and {@code decode} do), and
     * SpecCodec's JSON encodes back to the same bytes.
     */
    @Test
    void notificationsDecodeAndReEncodeByTheirMessageIdAlone() {
        long seed = baseSeed();
        Map<String, Integer> perFamily = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        SplittableRandom base = new SplittableRandom(seed ^ 0x4e07_1f1eL);
        for (String spec : SPECS) {
            Family family = families.get(spec);
            MessagePlan messages = plans.get(spec);
            SpecCodec codec = new SpecCodec(family);
            boolean generic = family.protocol().isGeneric();
            RandomMessages random = new RandomMessages(gen, family, messages.plan(), messages);
            String dispatcher = messages.plan().notification().reflectionName();
            for (MessagePlan.Notification n : messages.notifications()) {
                String name = messages.name(n.shape()).reflectionName();
                Class<?> type = gen.type(name);
                int msgType = generic ? GENL_FAMILY_ID : n.messageId();
                SplittableRandom perId = base.split();
                for (int i = 0; i < TRIES; i++) {
                    SplittableRandom r = perId.split();
                    Object record = null;
                    byte[] bytes = null;
                    String text = null;
                    try {
                        record = random.message(type, r);
                        int flags = r.nextInt(0x10000);
                        bytes = generic
                                ? genlEncode(record, msgType, flags, n.messageId())
                                : generatedEncode(record, msgType, flags);
                        Object expected = gen.callStatic(dispatcher, "decode", message(bytes));
                        var op = codec.operationFor(codec.messageId(message(bytes)), false)
                                .orElseThrow(() -> new AssertionError("SpecCodec finds no operation for " + n));
                        Map<String, Object> json = codec.decode(message(bytes), op);
                        text = Json.write(json);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> read = (Map<String, Object>) Json.parse(text);
                        MessageWriter out = new MessageWriter();
                        codec.encodeMessage(out, op, n.messageId(), read, flags, GENL_FAMILY_ID);
                        byte[] again = out.toByteArray();
                        assertThat(HEX.formatHex(again))
                                .as("SpecCodec's bytes for the decoded JSON (operation %s)", op.name())
                                .isEqualTo(HEX.formatHex(bytes));
                        assertThat(gen.callStatic(dispatcher, "decode", message(again)))
                                .isEqualTo(expected);
                        perFamily.merge(family.name(), 1, Integer::sum);
                    } catch (Throwable t) {
                        failures.add("notification " + n.messageId() + " as " + name + " (" + spec + ") failed at try "
                                + (i + 1) + "; rerun with -D" + SEED_PROPERTY + "=0x" + Long.toHexString(seed) + ": "
                                + t + "\n  record: " + record
                                + "\n  bytes:  " + (bytes == null ? "-" : HEX.formatHex(bytes))
                                + "\n  json:   " + text);
                        break;
                    }
                }
            }
        }
        System.out.printf(
                "property 'CLI codec parity, notifications': passing tries %s (seed 0x%s)%n",
                perFamily, Long.toHexString(seed));
        assertThat(failures).as("notifications whose bytes differ").isEmpty();
        assertThat(perFamily).containsKeys("rt-addr", "rt-link", "rt-route", "netdev", "ethtool");
    }

    /**
     * A generic netlink record under another command than its own: the generated {@code encode} writes its own command
     * into the genetlink header, so the command byte (the first of the payload) is set afterwards.
     */
    static byte[] genlEncode(Object record, int familyId, int flags, int command) {
        byte[] b = generatedEncode(record, familyId, flags);
        b[16] = (byte) command;
        return b;
    }

    /** The whole netlink message of a record: {@code nlmsghdr} (type, flags), then the record's payload. */
    static byte[] generatedEncode(Object record, int type, int flags) {
        MessageWriter out = new MessageWriter();
        int token = out.beginMessage(type, flags);
        GeneratedClasses.call(record, "encode", out);
        out.endMessage(token);
        return out.toByteArray();
    }
}
