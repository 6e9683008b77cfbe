/**
 * The ynl4j netlink runtime: sockets, codecs and exchanges over the FFM API. Depends on nothing
 * outside {@code java.base}.
 */
module io.ynl4j.runtime {
    exports io.ynl4j.runtime;
    exports io.ynl4j.runtime.codec;
    exports io.ynl4j.runtime.genl;
    exports io.ynl4j.runtime.testing;
}
