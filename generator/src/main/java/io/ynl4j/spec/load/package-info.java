/**
 * Turning spec files into linked families: {@link io.ynl4j.spec.load.YamlLoader} (bytes to a YAML
 * node tree with positions), {@link io.ynl4j.spec.load.SpecReader} (nodes to declarations, shape
 * checks), {@link io.ynl4j.spec.load.SpecLinker} (declarations to the linked model, meaning
 * checks), optional JSON-schema validation, and the {@link io.ynl4j.spec.load.SpecLoader} facade.
 */
package io.ynl4j.spec.load;
