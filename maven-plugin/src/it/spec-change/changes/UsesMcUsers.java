package it;

import io.ynl4j.generated.rtaddr.GetmulticastReply;
import java.util.OptionalLong;

/** Compiles only once rt-addr has mc-users. */
public final class UsesMcUsers {
    private UsesMcUsers() {}

    static OptionalLong users(GetmulticastReply reply) {
        return reply.mcUsers();
    }
}
