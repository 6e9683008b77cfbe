/**
 * The ynl4j Maven plugin: goal {@code ynl4j:generate} ({@link io.ynl4j.maven.GenerateMojo}) turns
 * netlink YAML specs into Java sources during {@code generate-sources}. It only gathers the specs,
 * builds a {@link io.ynl4j.codegen.GenerationRequest} and reports the engine's result; besides that
 * it keeps a per-execution state file so that an unchanged build skips the engine altogether.
 */
package io.ynl4j.maven;
