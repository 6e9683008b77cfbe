// The README's example of generated code in use; ReadmeExampleTest compiles it against bindings
// generated from specs/rt-addr.yaml, so the README cannot drift from the generated API.
import com.acme.netlink.rtaddr.GetmulticastReply;
import com.acme.netlink.rtaddr.GetmulticastRequest;
import com.acme.netlink.rtaddr.Ifaddrmsg;
import com.acme.netlink.rtaddr.RtAddr;
import com.acme.netlink.rtaddr.RtAddrClient;
import io.ynl4j.runtime.Bytes;
import java.util.stream.Stream;

public class ReadmeExample {
    public static void main(String[] args) {
        // README-BEGIN
        try (RtAddrClient rtAddr = RtAddr.open()) {
            GetmulticastRequest request =
                    GetmulticastRequest.of(Ifaddrmsg.builder().ifaFamily(10 /* AF_INET6 */).build());
            try (Stream<GetmulticastReply> groups = rtAddr.getmulticastDump(request)) {
                groups.forEach(g -> System.out.printf("%d %s users=%s%n",
                        g.header().ifaIndex(),
                        g.multicast().map(Bytes::toInetAddress).orElse(null),
                        g.mcUsers())); // OptionalLong: IFA_MC_USERS, sent by Linux 7.3 and later
            }
        }
        // README-END
    }
}
