/**
 * Planning: everything Java about a family before any code is emitted — names (with the kernel's
 * C prefix rules for uapi constants, Java case rules, keyword and clash mangling), message shapes
 * and the notification table.
 */
package io.ynl4j.codegen.plan;
