/**
 * The libc calls the runtime makes through the FFM API, errno capture and names, and the layouts
 * of {@code sockaddr_nl}, {@code msghdr}, {@code iovec} and {@code pollfd}. Not exported: only the
 * runtime uses it.
 */
package io.ynl4j.runtime.internal.ffm;
