package io.ynl4j.runtime.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Selectors}: nearest declaring set wins, last value of a name wins, nothing is shared. */
class SelectorsTest {
    @Test
    void noneHasNoValues() {
        assertThat(Selectors.none().get("kind")).isEmpty();
        assertThat(Selectors.none()).hasToString("[]");
    }

    @Test
    void theLastValueOfANameWins() {
        Selectors s = Selectors.none().declare("kind").with("kind", "vlan").with("kind", "veth");

        assertThat(s.get("kind")).isEqualTo(Optional.of("veth"));
        assertThat(s.get("slave-kind")).isEmpty();
    }

    @Test
    void anInnerDeclarationHidesOuterValues() {
        Selectors qdisc = Selectors.none().declare("kind").with("kind", "codel");
        Selectors action = qdisc.declare("kind");

        assertThat(qdisc.get("kind")).isEqualTo(Optional.of("codel"));
        assertThat(action.get("kind")).isEmpty();
        assertThat(action.with("kind", "gact").get("kind")).isEqualTo(Optional.of("gact"));
        assertThat(qdisc.declare("other").get("kind")).isEqualTo(Optional.of("codel"));
        assertThat(action.with("kind", "gact")).hasToString("[kind=gact, kind?, kind=codel, kind?]");
    }
}
