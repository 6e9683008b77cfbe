package io.ynl4j.bench;

import io.ynl4j.bench.gen.rtaddr.GetaddrReply;
import io.ynl4j.bench.gen.rtaddr.IfaCacheinfo;
import io.ynl4j.bench.gen.rtaddr.IfaFlags;
import io.ynl4j.bench.gen.rtaddr.Ifaddrmsg;
import io.ynl4j.bench.gen.rtaddr.NewaddrRequest;
import io.ynl4j.bench.gen.rtaddr.RtAddrClient;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.NetlinkClient;
import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.OperationDescriptor;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.StructWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The generated bindings' codec, per message: decoding the RTM_NEWADDR messages of the captured
 * 10,000-address dump ({@code bench/data/getaddr-10000.bin}, as {@link AttrWalkBenchmark}) into
 * the generated {@link GetaddrReply} records, and encoding an RTM_NEWADDR request from the
 * generated {@link NewaddrRequest} record — each next to a baseline of the same run: the runtime's
 * {@link AttrReader} walk of the same messages (no record, nothing allocated) for decoding, and the
 * same request written by hand with {@link MessageWriter} for encoding ({@code bench/codec.sh}
 * adds the C walk and encode of {@code bench/c/walk.c}, and gives the figures as ratios).
 *
 * <p>Average time, in nanoseconds per message: a decode operation is {@value #MESSAGES} messages
 * and an encode operation {@value #BATCH} requests ({@link OperationsPerInvocation}), so the
 * score and {@code gc.alloc.rate.norm} ({@code -prof gc}) are per message without any division.
 *
 * <ul>
 *   <li>{@link #decodeRecords}: {@link GetaddrReply#decode}, what the generated client's {@code
 *       getaddrDump}/{@code getaddrDumpList} does with every reply (see {@code DumpLoop}), each
 *       record consumed by a {@link Blackhole}.
 *   <li>{@link #walkAttributes} (baseline): the {@code ifaddrmsg} members and every attribute of
 *       every message read in place, payloads included, by {@link GetaddrCapture#walk} — the walk
 *       of {@link AttrWalkBenchmark#walkAttributes} and {@code walk.c}.
 *   <li>{@link #encodeRecord}: a {@link NewaddrRequest} built once, encoded into one {@link
 *       MessageWriter} {@link MessageWriter#reset() reset} before each request: {@code nlmsghdr}
 *       with the type and flags of {@code RtAddrClient.newaddr}, then the record's {@code encode}.
 *   <li>{@link #encodeRecordNewWriter}: the same as {@link NetlinkClient#message} does it for the
 *       generated client ({@code client.executeAck(NEWADDR, flags, request::encode)}): a new
 *       writer for each request, the payload as a method reference.
 *   <li>{@link #buildAndEncodeRecord}: {@link #encodeRecord} with the record (header, cache info,
 *       addresses) built from its builders for each request, as a caller with new values does.
 *   <li>{@link #encodeByHand} (baseline): the same bytes written by direct {@link MessageWriter}
 *       calls from plain fields ({@code byte[]} addresses), into the reused writer.
 * </ul>
 *
 * <p>The messages are split once in setup (one {@link NetlinkMessage} each over the capture's
 * {@code byte[]}, as {@code NetlinkSocket} hands them out); splitting is {@link
 * AttrWalkBenchmark#walkSplitAndAttributes}'s business. The first {@value #MESSAGES} RTM_NEWADDR
 * messages make an operation (the capture has 10,001: lo's address and 10,000 on a veth; a smaller
 * capture is repeated to fill the operation). The setup checks that every encoding gives the same
 * bytes, and prints {@code # ynl4j codec:} with the counts, what a reply decodes to and the request
 * in hex. System properties: {@code ynl4j.walk.file} (the capture, default {@code
 * bench/data/getaddr-10000.bin}); {@code ynl4j.walk.messages}, {@code ynl4j.walk.checksum}: when
 * set (from {@code walk.c}'s output) the setup fails unless the walk of the whole capture finds the
 * same, so that the C baseline provably read the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) // C2 compiles these loops differently from one JVM to the next: two JVMs, results merged
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class MessageCodecBenchmark {
    /** RTM_NEWADDR messages per decode operation. */
    static final int MESSAGES = 10_000;

    /** Requests per encode operation. */
    static final int BATCH = 1_000;

    private static final int AF_INET = 2;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int IFA_F_PERMANENT = 0x80;

    private NetlinkMessage[] messages;

    // The request's values: fields, not constants, as they come from the caller.
    private byte[] address;
    private byte[] local;
    private String label;
    private long ifindex;
    private int prefixLength;
    private long preferred;
    private long valid;

    private int requestType;
    private int requestFlags;
    private NewaddrRequest request;
    private MessageWriter writer;

    /**
     * Loads and splits the capture, builds the request, and checks that the encodings agree (and
     * the walk with {@code walk.c}, when its figures are given).
     *
     * @throws IOException when the capture cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] bytes = GetaddrCapture.read();
        MemorySegment data = MemorySegment.ofArray(bytes);
        NetlinkMessage[] all = GetaddrCapture.split(data);
        // walk.c's checksum by the raw walk (AttrWalkBenchmark checks it equals walk()'s), so that
        // the setup does not run the measured walk on a profile of its own.
        long checksum = GetaddrCapture.rawWalk(data, false);
        List<NetlinkMessage> newaddr = new ArrayList<>();
        for (NetlinkMessage m : all) {
            if (m.type() == GetaddrCapture.RTM_NEWADDR) {
                newaddr.add(m);
            }
        }
        GetaddrCapture.expect("ynl4j.walk.messages", all.length);
        GetaddrCapture.expect("ynl4j.walk.checksum", checksum);
        if (newaddr.isEmpty()) {
            throw new IllegalStateException("the capture holds no RTM_NEWADDR message");
        }
        messages = new NetlinkMessage[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = newaddr.get(i % newaddr.size());
        }
        // What the records hold: every listed attribute should be there; the rest goes to unknown.
        long unknown = 0;
        long withAll = 0;
        for (NetlinkMessage m : messages) {
            GetaddrReply r = GetaddrReply.decode(m);
            unknown += r.unknown().attributes().size();
            if (r.address().isPresent()
                    && r.local().isPresent()
                    && r.label().isPresent()
                    && r.cacheinfo().isPresent()) {
                withAll++;
            }
        }
        GetaddrReply sample = GetaddrReply.decode(messages[messages.length - 1]);

        address = new byte[] {(byte) 192, 0, 2, 7};
        local = address.clone();
        label = "v0";
        ifindex = 2;
        prefixLength = 24;
        preferred = 3600;
        valid = 7200;
        OperationDescriptor.Mode mode = RtAddrClient.NEWADDR.requireDo();
        requestType = mode.requestId();
        requestFlags = mode.flags(); // what RtAddrClient.newaddr(request) sends: CREATE_EXCL
        request = build();
        writer = new MessageWriter();

        byte[] expected = encoded(this::writeRecord);
        check("encodeByHand", expected, encoded(this::writeByHand));
        check("buildAndEncodeRecord", expected, encoded(w -> writeRecord(w, build())));
        check("encodeRecordNewWriter", expected, newWriter(request).toByteArray());
        System.out.println("# ynl4j codec: capture_messages=" + all.length + " newaddr=" + newaddr.size()
                + " messages_per_op=" + MESSAGES + " complete_replies=" + withAll
                + " unknown_attributes_per_message=" + (double) unknown / MESSAGES
                + " checksum=" + Long.toUnsignedString(checksum));
        System.out.println("# ynl4j codec: last reply " + sample);
        System.out.println("# ynl4j codec: request " + expected.length + " bytes "
                + HexFormat.of().formatHex(expected));
    }

    private NewaddrRequest build() {
        return NewaddrRequest.builder()
                .header(Ifaddrmsg.builder()
                        .ifaFamily(AF_INET)
                        .ifaPrefixlen(prefixLength)
                        .ifaFlags(IfaFlags.of(IfaFlags.PERMANENT))
                        .ifaScope(RT_SCOPE_UNIVERSE)
                        .ifaIndex(ifindex)
                        .build())
                .address(Bytes.of(address))
                .label(label)
                .local(Bytes.of(local))
                .cacheinfo(IfaCacheinfo.builder()
                        .ifaPrefered(preferred)
                        .ifaValid(valid)
                        .build())
                .build();
    }

    private byte[] encoded(Consumer<MessageWriter> write) {
        writer.reset();
        write.accept(writer);
        return writer.toByteArray();
    }

    private static void check(String what, byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            HexFormat hex = HexFormat.of();
            throw new IllegalStateException(
                    what + " encodes " + hex.formatHex(actual) + ", encodeRecord " + hex.formatHex(expected));
        }
    }

    private void writeRecord(MessageWriter w) {
        writeRecord(w, request);
    }

    private void writeRecord(MessageWriter w, NewaddrRequest r) {
        int msg = w.beginMessage(requestType, requestFlags);
        r.encode(w);
        w.endMessage(msg);
    }

    /** {@link NetlinkClient#message}'s body, for the generated client's {@code request::encode}. */
    private MessageWriter newWriter(NewaddrRequest r) {
        Consumer<? super MessageWriter> payload = r::encode;
        MessageWriter w = new MessageWriter();
        int msg = w.beginMessage(requestType, requestFlags);
        payload.accept(w);
        w.endMessage(msg);
        return w;
    }

    /** The request's bytes in the generated encoder's order, without the record. */
    private void writeByHand(MessageWriter w) {
        int msg = w.beginMessage(requestType, requestFlags);
        StructWriter h = w.fixedHeader(GetaddrCapture.IFADDRMSG);
        h.u8(0, AF_INET);
        h.u8(1, prefixLength);
        h.u8(2, IFA_F_PERMANENT);
        h.u8(3, RT_SCOPE_UNIVERSE);
        h.u32(4, ifindex, false);
        w.bytes(GetaddrCapture.IFA_ADDRESS, address);
        w.string(GetaddrCapture.IFA_LABEL, label);
        w.bytes(GetaddrCapture.IFA_LOCAL, local);
        StructWriter c = w.struct(GetaddrCapture.IFA_CACHEINFO, GetaddrCapture.IFA_CACHEINFO_SIZE);
        c.u32(0, preferred, false);
        c.u32(4, valid, false);
        c.u32(8, 0, false);
        c.u32(12, 0, false);
        w.endMessage(msg);
    }

    /**
     * Every message decoded into its generated reply record.
     *
     * @param bh sink for the records
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void decodeRecords(Blackhole bh) {
        for (NetlinkMessage m : messages) {
            bh.consume(GetaddrReply.decode(m));
        }
    }

    /**
     * Baseline: every message walked with {@link AttrReader}, every payload read in place.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long walkAttributes() {
        long sum = 0;
        for (NetlinkMessage m : messages) {
            sum += GetaddrCapture.walk(m);
        }
        return sum;
    }

    /**
     * The request record, built once, encoded into the reused writer.
     *
     * @param bh sink for the writer (its buffer is what gets sent)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encodeRecord(Blackhole bh) {
        MessageWriter w = writer;
        NewaddrRequest r = request;
        for (int i = 0; i < BATCH; i++) {
            w.reset();
            writeRecord(w, r);
            bh.consume(w);
        }
    }

    /**
     * The request record encoded as the generated client sends it: a new writer each time.
     *
     * @param bh sink for the writer
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encodeRecordNewWriter(Blackhole bh) {
        NewaddrRequest r = request;
        for (int i = 0; i < BATCH; i++) {
            bh.consume(newWriter(r));
        }
    }

    /**
     * The request record built from its builders, then encoded into the reused writer.
     *
     * @param bh sink for the writer
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void buildAndEncodeRecord(Blackhole bh) {
        MessageWriter w = writer;
        for (int i = 0; i < BATCH; i++) {
            w.reset();
            writeRecord(w, build());
            bh.consume(w);
        }
    }

    /**
     * Baseline: the same bytes by direct {@link MessageWriter} calls, into the reused writer.
     *
     * @param bh sink for the writer
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void encodeByHand(Blackhole bh) {
        MessageWriter w = writer;
        for (int i = 0; i < BATCH; i++) {
            w.reset();
            writeByHand(w);
            bh.consume(w);
        }
    }
}
