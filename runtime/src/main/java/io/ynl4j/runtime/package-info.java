/**
 * The public netlink runtime used by generated code and by hand-written clients: sockets, family
 * descriptors, values such as {@code Bytes} and {@code FlagSet}, and the exception hierarchy. The
 * runtime itself arrives with its issue (#4); this package holds its place in the module layout.
 */
package io.ynl4j.runtime;
