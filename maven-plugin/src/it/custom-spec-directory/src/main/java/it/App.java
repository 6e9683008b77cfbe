package it;

import com.acme.netlink.rtaddr.RtAddr;

public final class App {
    private App() {}

    static int messageType() {
        return RtAddr.RTM_GETADDR;
    }
}
