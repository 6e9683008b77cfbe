/**
 * The netlink wire codec used by generated code (public and documented, but meant for generated
 * and low-level code): {@link io.ynl4j.runtime.codec.AttrReader}, a bounds-checked cursor over
 * attributes that allocates nothing per attribute, and {@link io.ynl4j.runtime.codec.MessageWriter},
 * which appends headers and attributes with netlink alignment and patches lengths afterwards.
 */
package io.ynl4j.runtime.codec;
