/**
 * Examples of ynl4j on real kernel work, each a command-line program started by {@code
 * examples/run NAME}: {@code maddr} ({@code ip maddr show} over rtnetlink), {@code addr-monitor}
 * (address change notifications), {@code usersock-chat} (a family of our own on
 * NETLINK_USERSOCK) and {@code netdev-list} (a generic netlink dump).
 */
package io.ynl4j.examples;
