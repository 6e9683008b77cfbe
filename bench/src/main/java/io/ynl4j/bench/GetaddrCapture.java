package io.ynl4j.bench;

import io.ynl4j.runtime.NetlinkMessage;
import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import io.ynl4j.runtime.codec.StructReader;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The captured RTM_GETADDR dump of {@code bench/capture-getaddr.sh} and the walk over it that
 * {@code bench/c/walk.c} times in C: every message, every attribute of every RTM_NEWADDR, each
 * payload read as a decoder would, everything read summed into a checksum (the same sum as the C
 * program's, so that both provably read the same).
 */
final class GetaddrCapture {
    static final int RTM_NEWADDR = 20;
    static final int IFADDRMSG = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_ANYCAST = 5;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_MULTICAST = 7;
    static final int IFA_FLAGS = 8;
    static final int IFA_RT_PRIORITY = 9;
    static final int IFA_TARGET_NETNSID = 10;
    static final int IFA_PROTO = 11;
    static final int IFA_CACHEINFO_SIZE = 16;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    private static final String DEFAULT_FILE = "bench/data/getaddr-10000.bin";

    private GetaddrCapture() {}

    /**
     * The capture's bytes: system property {@code ynl4j.walk.file}, else {@value #DEFAULT_FILE} in
     * the repository (found from the working directory or this jar's location).
     */
    static byte[] read() throws IOException {
        String given = System.getProperty("ynl4j.walk.file");
        Path file = (given != null
                        ? Path.of(given)
                        : BenchPaths.repositoryRoot().resolve(DEFAULT_FILE))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    file + " is missing: run bench/capture-getaddr.sh (or set -Dynl4j.walk.file=FILE)");
        }
        return Files.readAllBytes(file);
    }

    /**
     * Splits into messages as {@code NetlinkSocket} splits a datagram (lengths checked).
     *
     * @param data the capture
     * @return the messages, NLMSG_DONE included
     */
    static NetlinkMessage[] split(MemorySegment data) {
        List<NetlinkMessage> out = new ArrayList<>();
        long at = 0;
        long size = data.byteSize();
        while (size - at >= Netlink.NLMSG_HDRLEN) {
            int len = data.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN || len > size - at) {
                throw new IllegalStateException("bad message length " + len + " at " + at);
            }
            out.add(new NetlinkMessage(data, at, len));
            at += Netlink.align(len);
        }
        return out.toArray(NetlinkMessage[]::new);
    }

    /**
     * Splits and walks in one pass, as the socket and a decoder do together: one {@link
     * NetlinkMessage} per {@code nlmsghdr} (the checks of {@code NetlinkSocket.split}), then {@link
     * #walk(NetlinkMessage)}.
     *
     * @param data the capture
     * @return the checksum
     */
    static long splitAndWalk(MemorySegment data) {
        long sum = 0;
        long at = 0;
        long size = data.byteSize();
        while (size - at >= Netlink.NLMSG_HDRLEN) {
            int len = data.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN || len > size - at) {
                throw new IllegalStateException("bad message length " + len + " at " + at);
            }
            sum += walk(new NetlinkMessage(data, at, len));
            at += Netlink.align(len);
        }
        return sum;
    }

    /**
     * Walks one message with the runtime's readers: the {@code ifaddrmsg} members, then every
     * attribute; the fields of {@code walk.c}, summed the same way.
     *
     * @param m the message
     * @return its share of the checksum
     */
    static long walk(NetlinkMessage m) {
        if (m.type() != RTM_NEWADDR) {
            return 0;
        }
        StructReader h = m.fixedHeader(0, IFADDRMSG);
        long sum = h.u8(0) + h.u8(1) + h.u8(2) + h.u8(3) + h.u32(4, false);
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            int type = r.type();
            sum += type;
            switch (type) {
                case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST -> {
                    // Every byte, in place (AttrReader has no per-byte getter: its segment and offset).
                    MemorySegment s = r.segment();
                    long p = r.payloadOffset();
                    int n = r.length();
                    for (int i = 0; i < n; i++) {
                        sum += Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, p + i));
                    }
                }
                case IFA_LABEL -> {
                    // strnlen, in place.
                    MemorySegment s = r.segment();
                    long p = r.payloadOffset();
                    int n = r.length();
                    int i = 0;
                    while (i < n && s.get(ValueLayout.JAVA_BYTE, p + i) != 0) {
                        i++;
                    }
                    sum += i;
                }
                case IFA_CACHEINFO -> {
                    StructReader c = r.struct(IFA_CACHEINFO_SIZE);
                    sum += c.u32(0, false) + c.u32(4, false) + c.u32(8, false) + c.u32(12, false);
                }
                case IFA_FLAGS, IFA_RT_PRIORITY -> sum += r.u32();
                case IFA_TARGET_NETNSID -> sum += r.s32();
                case IFA_PROTO -> sum += r.u8();
                default -> sum += r.length();
            }
        }
        return sum;
    }

    /**
     * {@link #walk(NetlinkMessage)} but for IFA_CACHEINFO, whose members are read in place from
     * the reader's segment instead of through {@link AttrReader#struct} (a {@link StructReader}
     * per attribute): what the walk costs without that object.
     *
     * @param m the message
     * @return its share of the checksum
     */
    static long walkInPlaceStruct(NetlinkMessage m) {
        if (m.type() != RTM_NEWADDR) {
            return 0;
        }
        StructReader h = m.fixedHeader(0, IFADDRMSG);
        long sum = h.u8(0) + h.u8(1) + h.u8(2) + h.u8(3) + h.u32(4, false);
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            int type = r.type();
            sum += type;
            switch (type) {
                case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST -> {
                    // Every byte, in place (AttrReader has no per-byte getter: its segment and offset).
                    MemorySegment s = r.segment();
                    long p = r.payloadOffset();
                    int n = r.length();
                    for (int i = 0; i < n; i++) {
                        sum += Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, p + i));
                    }
                }
                case IFA_LABEL -> {
                    // strnlen, in place.
                    MemorySegment s = r.segment();
                    long p = r.payloadOffset();
                    int n = r.length();
                    int i = 0;
                    while (i < n && s.get(ValueLayout.JAVA_BYTE, p + i) != 0) {
                        i++;
                    }
                    sum += i;
                }
                case IFA_CACHEINFO -> {
                    // The members in place, as member getters on AttrReader would read them.
                    if (r.length() < IFA_CACHEINFO_SIZE) {
                        throw new IllegalStateException("short ifa_cacheinfo at " + r.payloadOffset());
                    }
                    MemorySegment s = r.segment();
                    long p = r.payloadOffset();
                    sum += Integer.toUnsignedLong(s.get(U32, p))
                            + Integer.toUnsignedLong(s.get(U32, p + 4))
                            + Integer.toUnsignedLong(s.get(U32, p + 8))
                            + Integer.toUnsignedLong(s.get(U32, p + 12));
                }
                case IFA_FLAGS, IFA_RT_PRIORITY -> sum += r.u32();
                case IFA_TARGET_NETNSID -> sum += r.s32();
                case IFA_PROTO -> sum += r.u8();
                default -> sum += r.length();
            }
        }
        return sum;
    }

    /**
     * {@link #walk(NetlinkMessage)} but for two payloads, as {@code walk.c}'s scalar walk: an
     * address read as one u32 (IPv4), the label by its length alone.
     *
     * @param m the message
     * @return its share of the scalar checksum
     */
    static long walkScalar(NetlinkMessage m) {
        if (m.type() != RTM_NEWADDR) {
            return 0;
        }
        StructReader h = m.fixedHeader(0, IFADDRMSG);
        long sum = h.u8(0) + h.u8(1) + h.u8(2) + h.u8(3) + h.u32(4, false);
        AttrReader r = m.attributes(IFADDRMSG);
        while (r.next()) {
            int type = r.type();
            sum += type;
            switch (type) {
                case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST -> sum += r.u32();
                case IFA_LABEL -> sum += r.length();
                case IFA_CACHEINFO -> {
                    StructReader c = r.struct(IFA_CACHEINFO_SIZE);
                    sum += c.u32(0, false) + c.u32(4, false) + c.u32(8, false) + c.u32(12, false);
                }
                case IFA_FLAGS, IFA_RT_PRIORITY -> sum += r.u32();
                case IFA_TARGET_NETNSID -> sum += r.s32();
                case IFA_PROTO -> sum += r.u8();
                default -> sum += r.length();
            }
        }
        return sum;
    }

    /**
     * The same walk with no runtime class: {@code MemorySegment} reads and the checks of {@code
     * walk.c}, nothing else — what Java and FFM cost by themselves.
     *
     * @param data the capture
     * @param scalar the scalar walk (an address as one u32, the label by its length)
     * @return the checksum
     */
    static long rawWalk(MemorySegment data, boolean scalar) {
        long sum = 0;
        long at = 0;
        long size = data.byteSize();
        while (size - at >= Netlink.NLMSG_HDRLEN) {
            int len = data.get(U32, at);
            if (len < Netlink.NLMSG_HDRLEN || len > size - at) {
                throw new IllegalStateException("bad message length " + len + " at " + at);
            }
            if (Short.toUnsignedInt(data.get(U16, at + 4)) == RTM_NEWADDR) {
                if (len < Netlink.NLMSG_HDRLEN + IFADDRMSG) {
                    throw new IllegalStateException("short RTM_NEWADDR at " + at);
                }
                long h = at + Netlink.NLMSG_HDRLEN;
                sum += Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, h))
                        + Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, h + 1))
                        + Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, h + 2))
                        + Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, h + 3))
                        + Integer.toUnsignedLong(data.get(U32, h + 4));
                long a = h + IFADDRMSG;
                long end = at + len;
                while (end - a >= Netlink.NLA_HDRLEN) {
                    int alen = Short.toUnsignedInt(data.get(U16, a));
                    int type = Short.toUnsignedInt(data.get(U16, a + 2)) & Netlink.NLA_TYPE_MASK;
                    if (alen < Netlink.NLA_HDRLEN || alen > end - a) {
                        throw new IllegalStateException("bad attribute length " + alen + " at " + a);
                    }
                    long p = a + Netlink.NLA_HDRLEN;
                    int n = alen - Netlink.NLA_HDRLEN;
                    sum += type;
                    switch (type) {
                        case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST -> {
                            if (scalar) {
                                requireLength(n, 4, p);
                                sum += Integer.toUnsignedLong(data.get(U32, p));
                            } else {
                                for (int i = 0; i < n; i++) {
                                    sum += Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, p + i));
                                }
                            }
                        }
                        case IFA_LABEL -> {
                            if (scalar) {
                                sum += n;
                            } else {
                                int i = 0;
                                while (i < n && data.get(ValueLayout.JAVA_BYTE, p + i) != 0) {
                                    i++;
                                }
                                sum += i;
                            }
                        }
                        case IFA_CACHEINFO -> {
                            requireLength(n, IFA_CACHEINFO_SIZE, p);
                            sum += Integer.toUnsignedLong(data.get(U32, p))
                                    + Integer.toUnsignedLong(data.get(U32, p + 4))
                                    + Integer.toUnsignedLong(data.get(U32, p + 8))
                                    + Integer.toUnsignedLong(data.get(U32, p + 12));
                        }
                        case IFA_FLAGS, IFA_RT_PRIORITY -> {
                            requireLength(n, 4, p);
                            sum += Integer.toUnsignedLong(data.get(U32, p));
                        }
                        case IFA_TARGET_NETNSID -> {
                            requireLength(n, 4, p);
                            sum += data.get(U32, p);
                        }
                        case IFA_PROTO -> {
                            requireLength(n, 1, p);
                            sum += Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, p));
                        }
                        default -> sum += n;
                    }
                    a = Math.min(end, a + Netlink.align(alen));
                }
            }
            at += Netlink.align(len);
        }
        return sum;
    }

    private static final VarHandle AI = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle AS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());

    /**
     * {@link #rawWalk} on the {@code byte[]} itself (int indices, array view var handles), no
     * {@code MemorySegment}: Java's floor for a heap buffer (the header read as one int).
     *
     * @param data the capture
     * @return the checksum
     */
    static long rawWalkArray(byte[] data) {
        long sum = 0;
        int at = 0;
        int size = data.length;
        while (size - at >= 16) {
            int len = (int) AI.get(data, at);
            if (len < 16 || len > size - at) {
                throw new IllegalStateException("bad message length " + len + " at " + at);
            }
            if (Short.toUnsignedInt((short) AS.get(data, at + 4)) == RTM_NEWADDR) {
                if (len < 16 + IFADDRMSG) {
                    throw new IllegalStateException("short RTM_NEWADDR at " + at);
                }
                int h = at + 16;
                sum += Byte.toUnsignedInt(data[h])
                        + Byte.toUnsignedInt(data[h + 1])
                        + Byte.toUnsignedInt(data[h + 2])
                        + Byte.toUnsignedInt(data[h + 3])
                        + Integer.toUnsignedLong((int) AI.get(data, h + 4));
                int a = h + IFADDRMSG;
                int end = at + len;
                while (end - a >= 4) {
                    int hdr = (int) AI.get(data, a);
                    int alen = hdr & 0xffff;
                    int type = (hdr >>> 16) & Netlink.NLA_TYPE_MASK;
                    if (alen < 4 || alen > end - a) {
                        throw new IllegalStateException("bad attribute length " + alen + " at " + a);
                    }
                    int p = a + 4;
                    int n = alen - 4;
                    sum += type;
                    switch (type) {
                        case IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_ANYCAST, IFA_MULTICAST -> {
                            for (int i = 0; i < n; i++) {
                                sum += Byte.toUnsignedInt(data[p + i]);
                            }
                        }
                        case IFA_LABEL -> {
                            int i = 0;
                            while (i < n && data[p + i] != 0) {
                                i++;
                            }
                            sum += i;
                        }
                        case IFA_CACHEINFO -> {
                            requireLength(n, IFA_CACHEINFO_SIZE, p);
                            sum += Integer.toUnsignedLong((int) AI.get(data, p))
                                    + Integer.toUnsignedLong((int) AI.get(data, p + 4))
                                    + Integer.toUnsignedLong((int) AI.get(data, p + 8))
                                    + Integer.toUnsignedLong((int) AI.get(data, p + 12));
                        }
                        case IFA_FLAGS, IFA_RT_PRIORITY -> {
                            requireLength(n, 4, p);
                            sum += Integer.toUnsignedLong((int) AI.get(data, p));
                        }
                        case IFA_TARGET_NETNSID -> {
                            requireLength(n, 4, p);
                            sum += (int) AI.get(data, p);
                        }
                        case IFA_PROTO -> {
                            requireLength(n, 1, p);
                            sum += Byte.toUnsignedInt(data[p]);
                        }
                        default -> sum += n;
                    }
                    a = Math.min(end, a + ((alen + 3) & ~3));
                }
            }
            at += (len + 3) & ~3;
        }
        return sum;
    }

    private static void requireLength(int n, int size, long at) {
        if (n < size) {
            throw new IllegalStateException("payload of " + n + " bytes at " + at + ", expected " + size);
        }
    }

    /**
     * Counts the attributes {@link #walk} visits.
     *
     * @param messages the messages
     * @return attributes of RTM_NEWADDR messages
     */
    static long attributes(NetlinkMessage[] messages) {
        long n = 0;
        for (NetlinkMessage m : messages) {
            if (m.type() == RTM_NEWADDR) {
                AttrReader r = m.attributes(IFADDRMSG);
                while (r.next()) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Fails when a system property names an expected figure (from walk.c) and ours differs. */
    static void expect(String property, long actual) {
        String expected = System.getProperty(property);
        if (expected != null && Long.parseUnsignedLong(expected) != actual) {
            throw new IllegalStateException(property + ": walk.c says " + expected + ", the Java walk "
                    + Long.toUnsignedString(actual) + " (not the same bytes, or not the same reads)");
        }
    }
}
