package io.ynl4j.bench;

import io.ynl4j.runtime.codec.MessageWriter;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructWriter;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding an RTM_NEWADDR request with {@link MessageWriter}: {@code nlmsghdr}, {@code ifaddrmsg},
 * IFA_LOCAL, IFA_ADDRESS, IFA_LABEL and the {@code ifa_cacheinfo} struct of IFA_CACHEINFO (68
 * bytes) — into one writer {@link MessageWriter#reset() reset} each time, and into a new writer
 * each time. The baseline is the same request encoded libmnl-style by {@code bench/c/walk.c};
 * when {@code ynl4j.encode.hex} holds its bytes, the setup fails unless ours are the same. One
 * operation is a batch of {@value #BATCH} requests (one is too short to time alone; JMH's
 * {@code @OperationsPerInvocation} would round sample-mode figures to whole nanoseconds per
 * request), in sample mode: divide the median ({@code p0.50}) and {@code gc.alloc.rate.norm} by
 * {@value #BATCH} and compare with {@code walk.c}'s median ({@code bench/runtime-walk.sh} does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2) // C2 compiles this differently from one JVM to the next: two JVMs, samples merged
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class EncodeBenchmark {
    /** Requests per operation (walk.c times its encoding in batches of the same size). */
    static final int BATCH = 10_000;

    private static final int AF_INET = 2;
    private static final int IFA_F_PERMANENT = 0x80;
    private static final int FLAGS =
            Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_EXCL | Netlink.NLM_F_CREATE;

    // Fields, not constants: the request's values come from the caller.
    private byte[] local;
    private byte[] address;
    private String label;
    private int ifindex;
    private int prefixLength;
    private long preferred;
    private long valid;
    private MessageWriter reused;

    /** Prepares the values, and checks the encoding against walk.c's when given. */
    @Setup(Level.Trial)
    public void setUp() {
        local = new byte[] {(byte) 192, 0, 2, 7};
        address = local.clone();
        label = "v0";
        ifindex = 2;
        prefixLength = 24;
        preferred = 3600;
        valid = 7200;
        reused = new MessageWriter();
        encode(reused);
        String hex = HexFormat.of().formatHex(reused.toByteArray());
        String expected = System.getProperty("ynl4j.encode.hex");
        if (expected != null && !expected.equalsIgnoreCase(hex)) {
            throw new IllegalStateException("walk.c encodes " + expected + ", MessageWriter " + hex);
        }
        System.out.println("# ynl4j encode: " + reused.size() + " bytes " + hex);
    }

    private void encode(MessageWriter w) {
        int msg = w.beginMessage(GetaddrCapture.RTM_NEWADDR, FLAGS);
        StructWriter h = w.fixedHeader(GetaddrCapture.IFADDRMSG);
        h.u8(0, AF_INET);
        h.u8(1, prefixLength);
        h.u8(2, IFA_F_PERMANENT);
        h.u8(3, 0);
        h.u32(4, ifindex, false);
        w.bytes(GetaddrCapture.IFA_LOCAL, local);
        w.bytes(GetaddrCapture.IFA_ADDRESS, address);
        w.string(GetaddrCapture.IFA_LABEL, label);
        StructWriter c = w.struct(GetaddrCapture.IFA_CACHEINFO, GetaddrCapture.IFA_CACHEINFO_SIZE);
        c.u32(0, preferred, false);
        c.u32(4, valid, false);
        c.u32(8, 0, false);
        c.u32(12, 0, false);
        w.endMessage(msg);
    }

    /**
     * One writer, reset before each request ({@value #BATCH} requests).
     *
     * @param bh sink for the writer (its buffer is what gets sent)
     */
    @Benchmark
    public void reuseWriter(Blackhole bh) {
        MessageWriter w = reused;
        for (int i = 0; i < BATCH; i++) {
            w.reset();
            encode(w);
            bh.consume(w);
        }
    }

    /**
     * A new writer for each request ({@value #BATCH} requests).
     *
     * @param bh sink for the writer
     */
    @Benchmark
    public void newWriter(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            MessageWriter w = new MessageWriter();
            encode(w);
            bh.consume(w);
        }
    }
}
