package io.ynl4j.runtime;

import io.ynl4j.runtime.codec.AttrReader;
import io.ynl4j.runtime.codec.Netlink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a byte offset into a sent request (from an extended ACK) into an attribute path. */
final class AttrPaths {
    private AttrPaths() {}

    /** The attribute types leading to the attribute that starts at {@code offset}. */
    static Optional<int[]> typesAt(byte[] request, int headerBytes, int offset) {
        if (request.length < Netlink.NLMSG_HDRLEN) {
            return Optional.empty();
        }
        int start = Netlink.NLMSG_HDRLEN + Netlink.align(headerBytes);
        List<Integer> path = new ArrayList<>();
        try {
            AttrReader r = AttrReader.of(
                    java.lang.foreign.MemorySegment.ofArray(request), Math.min(start, request.length), request.length);
            while (r.next()) {
                long attrStart = r.payloadOffset() - Netlink.NLA_HDRLEN;
                long attrEnd = r.payloadOffset() + r.length();
                if (offset == attrStart) {
                    path.add(r.type());
                    return Optional.of(toArray(path));
                }
                if (offset > attrStart && offset < attrEnd && r.length() >= Netlink.NLA_HDRLEN) {
                    path.add(r.type());
                    r = r.nested();
                }
            }
        } catch (MalformedMessageException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static Optional<String> pathAt(byte[] request, int headerBytes, int offset, AttrNamer namer) {
        return typesAt(request, headerBytes, offset).map(namer::name);
    }

    private static int[] toArray(List<Integer> path) {
        int[] out = new int[path.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = path.get(i);
        }
        return out;
    }
}
