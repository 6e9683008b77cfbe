/**
 * The declaration layer: records that mirror a spec's YAML one-to-one, with the position of every
 * value, before any reference is resolved or implicit value computed. It answers "what did the
 * file say?"; {@link io.ynl4j.spec.load.SpecLinker} turns it into the linked model.
 */
package io.ynl4j.spec.decl;
