/**
 * Test support for code that talks netlink: {@link io.ynl4j.runtime.testing.FakeKernel}, a
 * transport that answers a {@link io.ynl4j.runtime.NetlinkSocket}'s requests with scripted replies
 * and records what it received, and {@link io.ynl4j.runtime.testing.KernelMessage} and
 * {@link io.ynl4j.runtime.testing.ExtAck}, builders for the messages a kernel sends (data, dump
 * parts, {@code NLMSG_DONE}, ACKs and errors with extended-ACK attributes). Meant for unit tests of
 * generated clients and of hand-written code; nothing here talks to the real kernel.
 */
package io.ynl4j.runtime.testing;
