package io.ynl4j.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.codegen.plan.Planner;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kernel spec generates everything — definitions, attribute sets, sub-messages, message
 * records, client, facade and notification types — and it all compiles with {@code -Xlint:all
 * -Werror} at release 22 against the runtime. Nothing is skipped.
 */
class MessagesCompileTest {
    @Test
    void everyKernelFamilyCompilesWithMessagesClientFacadeAndNotifications(@TempDir Path dir) {
        SpecLoader loader = SpecLoader.create().withAutoSchema(false);
        List<JavaFile> files = new ArrayList<>();
        int families = 0;
        int messages = 0;
        for (Path spec : Corpus.kernelSpecFiles()) {
            Family f = loader.load(spec, spec.getFileName().toString()).family().orElseThrow();
            families++;
            messages += MessagePlan.of(Planner.plan(f, "gen", MessagePlan.requests(f)))
                    .shapes()
                    .size();
            files.addAll(GeneratedSources.all(f, "gen"));
        }
        assertThat(families).isEqualTo(33);
        assertThat(messages).isGreaterThan(400);
        assertThat(JavaCompilation.compile(files, dir)).isEmpty();
    }

    @Test
    void rtAddrHasTheMessagesOfTheArchitectureSketch() {
        Family f = GeneratedSources.kernelFamily("rt-addr.yaml");
        MessagePlan plan = MessagePlan.of(Planner.plan(f, "gen", MessagePlan.requests(f)));

        assertThat(plan.shapes().stream().map(s -> plan.name(s).simpleName()))
                .containsExactly(
                        "NewaddrRequest",
                        "DeladdrRequest",
                        "GetaddrRequest",
                        "GetaddrReply",
                        "GetmulticastRequest",
                        "GetmulticastReply");
        assertThat(plan.notifications().stream()
                        .map(n -> n.messageId() + "=" + plan.name(n).simpleName()))
                .containsExactly("20=GetaddrReply", "58=GetmulticastReply", "21=DeladdrNotification");
        assertThat(plan.notifications().stream()
                        .filter(n -> n.wrapper().isPresent())
                        .map(n -> plan.name(n.shape()).simpleName()))
                .containsExactly("GetaddrReply");
    }

    @Test
    void netdevNotificationsReuseTheNotifiedReply() {
        Family f = GeneratedSources.kernelFamily("netdev.yaml");
        MessagePlan plan = MessagePlan.of(Planner.plan(f, "gen", MessagePlan.requests(f)));

        assertThat(plan.notifications().stream()
                        .map(n -> n.messageId() + "=" + plan.name(n.shape()).simpleName()))
                .contains("2=DevGetReply", "3=DevGetReply", "4=DevGetReply", "6=PagePoolGetReply");
    }

    @Test
    void directionalGenlRequestsNameTheirOwnConstant() {
        // ethtool's RINGS_GET request and PRIVFLAGS_NTF notification are both 15, in opposite directions.
        Family f = GeneratedSources.kernelFamily("ethtool.yaml");
        String rings = GeneratedSources.all(f, "gen").stream()
                .filter(j -> j.typeSpec().name().equals("RingsGetRequest"))
                .findFirst()
                .orElseThrow()
                .toString();
        assertThat(rings).contains("{@code ETHTOOL_MSG_RINGS_GET}").doesNotContain("PRIVFLAGS_NTF");
    }
}
