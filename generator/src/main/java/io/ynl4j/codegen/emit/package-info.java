/**
 * Emitters: small, pure functions from planned elements to JavaPoet types, one per concern
 * (enums and flags, structs, attribute sets, messages, clients, the family facade). No I/O here.
 */
package io.ynl4j.codegen.emit;
