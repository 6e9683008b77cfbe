package it;

public final class App {
    private App() {}

    static int[] messageTypes() {
        return new int[] {
            io.ynl4j.generated.rtaddr.RtAddr.RTM_GETMULTICAST, com.acme.dep.rtaddr.RtAddr.RTM_GETMULTICAST
        };
    }
}
