/**
 * The linked spec model: immutable records describing a netlink family with every implicit value
 * computed (attribute ids, enum values, message ids, struct layout) and every reference checked,
 * plus the diagnostics reported about specs. No Java naming lives here; spec names stay verbatim.
 */
package io.ynl4j.spec;
