package io.ynl4j.codegen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ynl4j.spec.Family;
import io.ynl4j.spec.load.SpecLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaNamesTest {
    @Test
    void typeNamesSplitOnDashAndUnderscoreOnly() {
        assertThat(JavaNames.typeName("ifa-cacheinfo")).isEqualTo("IfaCacheinfo");
        assertThat(JavaNames.typeName("getmulticast")).isEqualTo("Getmulticast");
        assertThat(JavaNames.typeName("dev-get")).isEqualTo("DevGet");
        assertThat(JavaNames.typeName("ovs_flow")).isEqualTo("OvsFlow");
        assertThat(JavaNames.typeName("8021q")).isEqualTo("_8021q");
        assertThat(JavaNames.typeName("--kernel-timespec")).isEqualTo("KernelTimespec");
    }

    @Test
    void memberNamesAreLowerCamelWithKeywordsMangled() {
        assertThat(JavaNames.memberName("mc-users")).isEqualTo("mcUsers");
        assertThat(JavaNames.memberName("ifa-prefered")).isEqualTo("ifaPrefered");
        assertThat(JavaNames.memberName("default")).isEqualTo("default_");
        assertThat(JavaNames.memberName("class")).isEqualTo("class_");
        assertThat(JavaNames.memberName("8021q")).isEqualTo("_8021q");
        assertThat(JavaNames.memberName("record")).isEqualTo("record_");
    }

    @Test
    void constantsAndPackages() {
        assertThat(JavaNames.constantName("stable-privacy")).isEqualTo("STABLE_PRIVACY");
        assertThat(JavaNames.constantName("8021q")).isEqualTo("_8021Q");
        assertThat(JavaNames.packageName("com.acme.netlink", "rt-addr")).isEqualTo("com.acme.netlink.rtaddr");
        assertThat(JavaNames.packageName("com.acme.netlink", "ovs_flow")).isEqualTo("com.acme.netlink.ovsflow");
    }

    @Test
    void uapiNamesFollowTheKernelPrefixRules() throws Exception {
        Family rtAddr =
                SpecLoader.create().load(Path.of("../specs/rt-addr.yaml")).orElseThrow();
        var set = rtAddr.attributeSet("addr-attrs").orElseThrow();
        assertThat(JavaNames.attributeConstant(rtAddr, set, "mc-users")).isEqualTo("IFA_MC_USERS");
        assertThat(JavaNames.operationConstant(
                        rtAddr, rtAddr.operation("getmulticast").orElseThrow()))
                .isEqualTo("RTM_GETMULTICAST");
        assertThat(JavaNames.mcastGroupConstant(rtAddr, rtAddr.mcastGroups().get(0)))
                .isEqualTo("RTNLGRP_IPV4_IFADDR");
        var flags = rtAddr.enumDef("ifa-flags").orElseThrow();
        assertThat(JavaNames.enumEntryConstant(rtAddr, flags, flags.entries().get(11)))
                .isEqualTo("IFA_F_STABLE_PRIVACY");
    }

    @Test
    void genetlinkDefaultsUseTheFamilyName() throws Exception {
        Family netdev = SpecLoader.create()
                .withAutoSchema(false)
                .load(io.ynl4j.spec.load.Corpus.kernelSpecs().resolve("netdev.yaml"))
                .orElseThrow();
        var dev = netdev.attributeSet("dev").orElseThrow();
        assertThat(JavaNames.attributeConstant(netdev, dev, "ifindex")).isEqualTo("NETDEV_A_DEV_IFINDEX");
        assertThat(JavaNames.operationConstant(
                        netdev, netdev.operation("dev-get").orElseThrow()))
                .isEqualTo("NETDEV_CMD_DEV_GET");
        assertThat(JavaNames.mcastGroupConstant(netdev, netdev.mcastGroups().get(0)))
                .isEqualTo("NETDEV_MCGRP_MGMT");
    }
}
