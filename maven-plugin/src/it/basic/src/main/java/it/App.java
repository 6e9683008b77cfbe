package it;

import io.ynl4j.generated.rtaddr.GetmulticastReply;
import io.ynl4j.generated.rtaddr.RtAddr;
import java.util.OptionalLong;

/** Uses the generated rt-addr bindings, so the build fails if they are missing or broken. */
public final class App {
    private App() {}

    static int messageType() {
        return RtAddr.RTM_GETMULTICAST;
    }

    static OptionalLong users(GetmulticastReply reply) {
        return reply.mcUsers();
    }
}
