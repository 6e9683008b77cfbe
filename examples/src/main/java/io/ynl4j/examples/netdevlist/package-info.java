/** netdev-list: the netdev generic netlink family's devices and their features. */
package io.ynl4j.examples.netdevlist;
