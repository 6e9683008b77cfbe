/**
 * The code generator engine: from linked families ({@link io.ynl4j.spec.Family}) to Java sources
 * for the ynl4j runtime. The CLI and the Maven plugin are thin front ends over it.
 */
package io.ynl4j.codegen;
