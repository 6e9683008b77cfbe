/** mcast-join: holds IPv4/IPv6 multicast memberships on one socket, for the demo and for trying maddr. */
package io.ynl4j.examples.mcastjoin;
