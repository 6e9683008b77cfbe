package io.ynl4j.bench;

import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.StructReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Walking a captured 10,000-address RTM_GETADDR dump with the runtime's {@link AttrReader}: one
 * operation is the whole capture (about 10,000 messages, 50,000 attributes), so per message and per
 * attribute figures are the score and {@code gc.alloc.rate.norm} divided by the counts that the
 * setup prints ({@code bench/runtime-walk.sh} does that and sets the C walk of the same bytes,
 * {@code bench/c/walk.c}, next to it as the baseline). Sample mode: every walk is timed, and the
 * median ({@code p0.50}) is the figure to compare with {@code walk.c}'s median, so that time
 * slices lost to other processes on a busy machine count in neither.
 *
 * <ul>
 *   <li>{@link #walkAttributes}: the messages split once in setup; every attribute of every message
 *       read in place, as {@code walk.c} reads it (same checksum).
 *   <li>{@link #walkAttributesInPlaceStruct}: {@link #walkAttributes} reading the struct payload
 *       (IFA_CACHEINFO) in place rather than through a {@code StructReader} per attribute.
 *   <li>{@link #walkSplitAndAttributes}: the same, splitting the {@code nlmsghdr}s in the
 *       benchmark (a {@link NetlinkMessage} per message, as {@code NetlinkSocket} makes them).
 *   <li>{@link #walkAttributesScalar}: {@link #walkAttributes} reading an address as one u32 and
 *       the label by its length, as {@code walk.c}'s scalar walk: the walk without byte-by-byte
 *       payload loops.
 *   <li>{@link #walkRawSegment}, {@link #walkRawSegmentScalar}: the same walks on {@code
 *       MemorySegment} alone, no runtime class: Java's own floor, to tell the runtime's cost from
 *       the JIT's.
 *   <li>{@link #walkRawArray}: the raw walk on the {@code byte[]} with array view var handles, no
 *       {@code MemorySegment} (the same for both {@code memory} values): Java without FFM.
 *   <li>{@link #decodeToObjects}: a decoder that builds values: addresses as {@code Bytes}, the
 *       label as a {@code String} — what materialising costs on top of the walk (informational:
 *       the zero-allocation goal is the walk's).
 * </ul>
 *
 * <p>{@code memory}: the capture in a Java array ({@code heap}, what {@code NetlinkSocket} hands
 * out: each datagram is copied into a {@code byte[]}) or in native memory ({@code native}).
 * System properties: {@code ynl4j.walk.file} (default {@code bench/data/getaddr-10000.bin});
 * {@code ynl4j.walk.messages}, {@code ynl4j.walk.attributes}, {@code ynl4j.walk.checksum},
 * {@code ynl4j.walk.scalarChecksum}: when set (from {@code walk.c}'s output), the setup fails
 * unless the Java walks find the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2) // C2 compiles these walks differently from one JVM to the next: two JVMs, samples merged
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class AttrWalkBenchmark {
    @Param({"heap", "native"})
    public String memory;

    private Arena arena;
    private MemorySegment data;
    private NetlinkMessage[] messages;
    private byte[] array;

    /** Loads the capture, splits it, and checks the walk against walk.c's figures when given. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] bytes = GetaddrCapture.read();
        array = bytes;
        switch (memory) {
            case "heap" -> data = MemorySegment.ofArray(bytes);
            case "native" -> {
                arena = Arena.ofShared();
                data = arena.allocate(bytes.length, 8);
                MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
            }
            default -> throw new IllegalArgumentException("memory: heap or native, not " + memory);
        }
        messages = GetaddrCapture.split(data);
        long attributes = GetaddrCapture.attributes(messages);
        long checksum = walkAttributes();
        if (GetaddrCapture.splitAndWalk(data) != checksum || GetaddrCapture.rawWalk(data, false) != checksum) {
            throw new IllegalStateException("walkAttributes, walkSplitAndAttributes and walkRawSegment disagree");
        }
        if (GetaddrCapture.rawWalkArray(array) != checksum) {
            throw new IllegalStateException("walkRawArray and walkAttributes disagree");
        }
        if (walkAttributesInPlaceStruct() != checksum) {
            throw new IllegalStateException("walkAttributesInPlaceStruct and walkAttributes disagree");
        }
        long scalarChecksum = walkAttributesScalar();
        if (GetaddrCapture.rawWalk(data, true) != scalarChecksum) {
            throw new IllegalStateException("walkAttributesScalar and walkRawSegmentScalar disagree");
        }
        GetaddrCapture.expect("ynl4j.walk.messages", messages.length);
        GetaddrCapture.expect("ynl4j.walk.attributes", attributes);
        GetaddrCapture.expect("ynl4j.walk.checksum", checksum);
        GetaddrCapture.expect("ynl4j.walk.scalarChecksum", scalarChecksum);
        System.out.println("# ynl4j walk: messages=" + messages.length + " attributes=" + attributes + " checksum="
                + Long.toUnsignedString(checksum) + " scalar_checksum=" + Long.toUnsignedString(scalarChecksum)
                + " bytes=" + bytes.length + " memory=" + memory);
    }

    /** Frees the native copy. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }

    /**
     * Every attribute of every pre-split message, read in place.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    public long walkAttributes() {
        long sum = 0;
        for (NetlinkMessage m : messages) {
            sum += GetaddrCapture.walk(m);
        }
        return sum;
    }

    /**
     * {@link #walkAttributes} reading the {@code ifa_cacheinfo} members in place (segment and
     * offset) instead of through a {@code StructReader} made by {@link AttrReader#struct}.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    public long walkAttributesInPlaceStruct() {
        long sum = 0;
        for (NetlinkMessage m : messages) {
            sum += GetaddrCapture.walkInPlaceStruct(m);
        }
        return sum;
    }

    /**
     * Splitting into messages and walking every attribute, in one pass.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    public long walkSplitAndAttributes() {
        return GetaddrCapture.splitAndWalk(data);
    }

    /**
     * The same walk as {@link #walkSplitAndAttributes} on {@code MemorySegment} alone, without the
     * runtime's classes: Java's own floor, to tell the runtime's cost from FFM's.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    public long walkRawSegment() {
        return GetaddrCapture.rawWalk(data, false);
    }

    /**
     * {@link #walkAttributes} with the scalar reads of {@code walk.c}'s scalar walk (an address as
     * one u32, the label by its length): the attribute walk without byte-by-byte payload loops.
     *
     * @return the scalar checksum (consumed by JMH)
     */
    @Benchmark
    public long walkAttributesScalar() {
        long sum = 0;
        for (NetlinkMessage m : messages) {
            sum += GetaddrCapture.walkScalar(m);
        }
        return sum;
    }

    /**
     * {@link #walkRawSegment} on the capture's {@code byte[]} (whatever {@code memory} says: the
     * same array each time), no {@code MemorySegment}: Java's own floor without FFM's checks.
     *
     * @return the checksum (consumed by JMH)
     */
    @Benchmark
    public long walkRawArray() {
        return GetaddrCapture.rawWalkArray(array);
    }

    /**
     * {@link #walkRawSegment} with the scalar reads.
     *
     * @return the scalar checksum (consumed by JMH)
     */
    @Benchmark
    public long walkRawSegmentScalar() {
        return GetaddrCapture.rawWalk(data, true);
    }

    /**
     * Every attribute of every pre-split message decoded to values (scalars as numbers, addresses
     * as {@code Bytes}, the label as a {@code String}), each value consumed.
     *
     * @param bh sink
     */
    @Benchmark
    public void decodeToObjects(Blackhole bh) {
        for (NetlinkMessage m : messages) {
            if (m.type() != GetaddrCapture.RTM_NEWADDR) {
                continue;
            }
            StructReader h = m.fixedHeader(0, GetaddrCapture.IFADDRMSG);
            bh.consume(h.u8(0));
            bh.consume(h.u8(1));
            bh.consume(h.u8(2));
            bh.consume(h.u8(3));
            bh.consume(h.u32(4, false));
            AttrReader r = m.attributes(GetaddrCapture.IFADDRMSG);
            while (r.next()) {
                switch (r.type()) {
                    case GetaddrCapture.IFA_ADDRESS,
                            GetaddrCapture.IFA_LOCAL,
                            GetaddrCapture.IFA_BROADCAST,
                            GetaddrCapture.IFA_ANYCAST,
                            GetaddrCapture.IFA_MULTICAST -> bh.consume(r.bytes());
                    case GetaddrCapture.IFA_LABEL -> bh.consume(r.string());
                    case GetaddrCapture.IFA_CACHEINFO -> {
                        StructReader c = r.struct(GetaddrCapture.IFA_CACHEINFO_SIZE);
                        bh.consume(c.u32(0, false));
                        bh.consume(c.u32(4, false));
                        bh.consume(c.u32(8, false));
                        bh.consume(c.u32(12, false));
                    }
                    case GetaddrCapture.IFA_FLAGS, GetaddrCapture.IFA_RT_PRIORITY -> bh.consume(r.u32());
                    case GetaddrCapture.IFA_TARGET_NETNSID -> bh.consume(r.s32());
                    case GetaddrCapture.IFA_PROTO -> bh.consume(r.u8());
                    default -> bh.consume(r.bytes());
                }
            }
        }
    }
}
