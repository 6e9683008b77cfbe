package it;

import io.ynl4j.generated.rtaddr.GetmulticastReply;

public final class App {
    private App() {}

    static Object group(GetmulticastReply reply) {
        return reply.multicast();
    }
}
