/**
 * Generic netlink family resolution through nlctrl, the controller family with the fixed id
 * {@code GENL_ID_CTRL} (0x10): {@link io.ynl4j.runtime.genl.GenlResolver} asks
 * {@code CTRL_CMD_GETFAMILY} for a family's id, version, operations and multicast groups and caches
 * the answer per socket, as {@link io.ynl4j.runtime.genl.GenlFamily} records; an unknown family is
 * a {@link io.ynl4j.runtime.FamilyNotFoundException}. {@link io.ynl4j.runtime.genl.Nlctrl} holds
 * nlctrl's wire constants. The nlctrl client is written by hand: every other genetlink client
 * needs it first.
 */
package io.ynl4j.runtime.genl;
