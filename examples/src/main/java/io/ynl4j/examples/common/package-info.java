/** Helpers the examples share: address formatting, /proc/net files, running in a network namespace. */
package io.ynl4j.examples.common;
