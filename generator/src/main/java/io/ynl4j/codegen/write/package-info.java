/**
 * Writing generated sources to disk: sorted, UTF-8 with {@code \n} line endings, each file written
 * only when its content changed, files of an earlier run that are no longer produced deleted, and a
 * manifest recording what was generated from what.
 */
package io.ynl4j.codegen.write;
