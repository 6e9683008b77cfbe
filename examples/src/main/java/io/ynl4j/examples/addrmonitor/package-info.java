/** addr-monitor: prints every IPv4 and IPv6 address change as it happens (RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR). */
package io.ynl4j.examples.addrmonitor;
