/** usersock-chat: typed messages of our own family multicast on NETLINK_USERSOCK to several listeners. */
package io.ynl4j.examples.usersockchat;
