package io.ynl4j.codegen.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.ClassName;
import io.ynl4j.spec.Diagnostic;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.SourceLocation;
import io.ynl4j.spec.load.Corpus;
import io.ynl4j.spec.load.LoadResult;
import io.ynl4j.spec.load.SpecLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static Family kernel(String file) {
        return SpecLoader.create()
                .withAutoSchema(false)
                .load(Corpus.kernelSpecs().resolve(file), file)
                .family()
                .orElseThrow();
    }

    static Family inline(String yaml) {
        LoadResult result = SpecLoader.create().withAutoSchema(false).load("demo.yaml", yaml.getBytes(UTF_8));
        return result.family().orElseThrow(() -> new AssertionError(result.render()));
    }

    @Test
    void familyTypesAndPackage() {
        FamilyPlan plan = Planner.plan(kernel("rt-addr.yaml"), "com.acme.netlink");

        assertThat(plan.packageName()).isEqualTo("com.acme.netlink.rtaddr");
        assertThat(plan.facade()).isEqualTo(ClassName.get("com.acme.netlink.rtaddr", "RtAddr"));
        assertThat(plan.client().simpleName()).isEqualTo("RtAddrClient");
        assertThat(plan.notification().simpleName()).isEqualTo("RtAddrNotification");
        assertThat(plan.unknownNotification().simpleName()).isEqualTo("RtAddrUnknownNotification");
        assertThat(plan.struct("ifa-cacheinfo").simpleName()).isEqualTo("IfaCacheinfo");
        assertThat(plan.enumType("ifa-flags").simpleName()).isEqualTo("IfaFlags");
        assertThat(plan.attributeSet("addr-attrs").simpleName()).isEqualTo("AddrAttrs");
        assertThat(plan.diagnostics()).isEmpty();
    }

    @Test
    void anEnumKeepsItsNameAndTheAttributeSetTakesItsSuffix() {
        FamilyPlan plan = Planner.plan(kernel("ethtool.yaml"), "gen");

        assertThat(plan.enumType("stringset").simpleName()).isEqualTo("Stringset");
        assertThat(plan.attributeSet("stringset").simpleName()).isEqualTo("StringsetAttrs");
        assertThat(plan.diagnostics())
                .extracting(Diagnostic::headline)
                .contains(
                        "ethtool.yaml:319:5: warning[Y301]: attribute-set 'stringset' is generated as"
                                + " StringsetAttrs: the name Stringset is taken by the enum 'stringset'",
                        "ethtool.yaml:292:5: warning[Y305]: attribute-set 'string' is generated as StringAttrs:"
                                + " the name String would hide java.lang.String in the generated package");
    }

    @Test
    void theFacadeKeepsTheFamilyName() {
        FamilyPlan plan = Planner.plan(kernel("fou.yaml"), "gen");

        assertThat(plan.facade().simpleName()).isEqualTo("Fou");
        assertThat(plan.attributeSet("fou").simpleName()).isEqualTo("FouAttrs");
        assertThat(plan.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        "attribute-set 'fou' is generated as FouAttrs: the name Fou is taken by the family facade type");
    }

    @Test
    void subMessagesGetAnInterfaceARecordPerFormatAndOneForUnlistedValues() {
        FamilyPlan plan = Planner.plan(kernel("rt-link.yaml"), "gen");

        assertThat(plan.subMessage("linkinfo-data-msg").simpleName()).isEqualTo("LinkinfoDataMsg");
        assertThat(plan.format("linkinfo-data-msg", "vlan").simpleName()).isEqualTo("LinkinfoDataMsgVlan");
        assertThat(plan.format("linkinfo-data-msg", "ip6gre").simpleName()).isEqualTo("LinkinfoDataMsgIp6gre");
        assertThat(plan.subMessageUnknown("linkinfo-data-msg").simpleName()).isEqualTo("LinkinfoDataMsgUnknown");
        assertThat(plan.format("linkinfo-member-data-msg", "bridge").simpleName())
                .isEqualTo("LinkinfoMemberDataMsgBridge");
    }

    @Test
    void setsHoldingSelectorsDeclareThemAndSetsLeadingToSubMessagesNeedThem() {
        FamilyPlan link = Planner.plan(kernel("rt-link.yaml"), "gen");
        assertThat(link.selectorsDeclared("linkinfo-attrs")).containsExactly("kind", "slave-kind");
        assertThat(link.needsSelectors("linkinfo-attrs")).isTrue();
        assertThat(link.needsSelectors("link-attrs")).isTrue(); // linkinfo is nested in it
        assertThat(link.selectorsDeclared("link-attrs")).isEmpty();
        assertThat(link.needsSelectors("linkinfo-vlan-attrs")).isFalse();

        FamilyPlan tc = Planner.plan(kernel("tc.yaml"), "gen");
        assertThat(tc.selectorsDeclared("attrs")).containsExactly("kind");
        assertThat(tc.needsSelectors("tca-stats-attrs")).isTrue();
        assertThat(tc.selectorsDeclared("tca-stats-attrs")).isEmpty();
        // Actions have their own kind: it hides the qdisc's for the sub-messages below an action.
        assertThat(tc.selectorsDeclared("act-attrs")).containsExactly("kind");

        FamilyPlan nft = Planner.plan(kernel("nftables.yaml"), "gen");
        assertThat(nft.selectorsDeclared("obj-attrs")).containsExactly("type");

        assertThat(Planner.plan(kernel("rt-addr.yaml"), "gen").needsSelectors("addr-attrs"))
                .isFalse();
    }

    static final String CLASHES = """
            # SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
            name: demo
            protocol: netlink-raw
            protonum: 0
            doc: Names that clash.
            definitions:
              - name: demo
                type: struct
                members:
                  - name: x
                    type: u32
              - name: item
                type: enum
                entries: [ a, b ]
            attribute-sets:
              - name: item
                attributes:
                  - name: id
                    type: u32
              - name: item-attrs
                attributes:
                  - name: id
                    type: u32
              - name: object
                attributes:
                  - name: id
                    type: u32
            sub-messages:
              - name: msg
                formats:
                  - value: unknown
                    attribute-set: item
                  - value: a
            operations:
              list:
                - name: get
                  doc: Get.
                  attribute-set: item
                  value: 16
                  do:
                    request:
                      attributes: [ id ]
            """;

    @Test
    void clashesAreResolvedByKindPrecedenceDeterministically() {
        Family f = inline(CLASHES);
        FamilyPlan plan = Planner.plan(
                f,
                "gen",
                List.of(new Planner.MessageRequest("get/do/request", "Item", SourceLocation.ofFile("demo.yaml"))));

        assertThat(plan.facade().simpleName()).isEqualTo("Demo");
        assertThat(plan.struct("demo").simpleName()).isEqualTo("DemoStruct");
        assertThat(plan.enumType("item").simpleName()).isEqualTo("Item");
        assertThat(plan.attributeSet("item").simpleName()).isEqualTo("ItemAttrs");
        assertThat(plan.attributeSet("item-attrs").simpleName()).isEqualTo("ItemAttrsAttrs");
        assertThat(plan.attributeSet("object").simpleName()).isEqualTo("ObjectAttrs");
        assertThat(plan.format("msg", "unknown").simpleName()).isEqualTo("MsgUnknown");
        assertThat(plan.subMessageUnknown("msg").simpleName()).isEqualTo("MsgUnknownMsg");
        assertThat(plan.message("get/do/request").simpleName()).isEqualTo("ItemMessage");
        assertThat(plan.diagnostics())
                .extracting(Diagnostic::message)
                .containsExactly(
                        // sorted by location: the message request points at the file's start
                        "message 'get/do/request' is generated as ItemMessage: the name Item is taken by the enum"
                                + " 'item'",
                        "struct 'demo' is generated as DemoStruct: the name Demo is taken by the family facade type",
                        "attribute-set 'item' is generated as ItemAttrs: the name Item is taken by the enum 'item'",
                        "attribute-set 'item-attrs' is generated as ItemAttrsAttrs: the name ItemAttrs is taken by the"
                                + " attribute-set 'item'",
                        "attribute-set 'object' is generated as ObjectAttrs: the name Object would hide"
                                + " java.lang.Object in the generated package",
                        "record of sub-message 'msg' for unlisted formats is generated as MsgUnknownMsg: the name"
                                + " MsgUnknown is taken by the format 'unknown' of sub-message 'msg'");
        assertThat(Planner.plan(f, "gen").types())
                .isEqualTo(Planner.plan(inline(CLASHES), "gen").types());
    }

    @Test
    void unknownKeysAreRejected() {
        FamilyPlan plan = Planner.plan(kernel("rt-addr.yaml"), "gen");

        assertThatThrownBy(() -> plan.attributeSet("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no attribute-set 'nope' in family 'rt-addr'");
    }
}
