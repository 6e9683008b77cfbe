package io.ynl4j.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A linked netlink family: everything a spec says, with every implicit value computed and every
 * reference checked. Produced by {@link io.ynl4j.spec.load.SpecLoader}.
 *
 * @param name the family name (what genetlink resolves), e.g. {@code rt-addr}
 * @param file the spec file name
 * @param sha256 the SHA-256 of the spec's bytes, in hex (empty when the loader was told not to compute it)
 * @param protocol the schema level
 * @param protonum the netlink protocol number for netlink-raw families
 * @param version the genetlink family version, if given
 * @param uapiHeader the uapi header path, if given
 * @param doc the documentation
 * @param msgIdModel how operation ids are assigned
 * @param cNames the C naming overrides given at the top level ({@code c-family-name},
 *     {@code c-version-name}, {@code cmd-max-name}, {@code cmd-cnt-name}, {@code max-by-define},
 *     {@code kernel-policy}), by key
 * @param operationNaming the naming keys of {@code operations} ({@code name-prefix},
 *     {@code enum-name}, {@code async-prefix}, {@code async-enum}), by key
 * @param fixedHeader the family's default fixed header, if any
 * @param definitions the definitions in spec order
 * @param attributeSets the attribute sets in spec order
 * @param subMessages the sub-message definitions in spec order
 * @param operations the operations in spec order
 * @param mcastGroups the multicast groups in spec order
 * @param location where the family starts
 */
public record Family(
        String name,
        String file,
        String sha256,
        Protocol protocol,
        OptionalInt protonum,
        OptionalInt version,
        Optional<String> uapiHeader,
        String doc,
        MsgIdModel msgIdModel,
        Map<String, String> cNames,
        Map<String, String> operationNaming,
        Optional<String> fixedHeader,
        List<Definition> definitions,
        List<AttributeSet> attributeSets,
        List<SubMessage> subMessages,
        List<Operation> operations,
        List<McastGroup> mcastGroups,
        SourceLocation location) {
    public Family {
        requireNonNull(name, "name");
        requireNonNull(file, "file");
        requireNonNull(sha256, "sha256");
        requireNonNull(protocol, "protocol");
        requireNonNull(protonum, "protonum");
        requireNonNull(version, "version");
        requireNonNull(uapiHeader, "uapiHeader");
        requireNonNull(doc, "doc");
        requireNonNull(msgIdModel, "msgIdModel");
        cNames = Map.copyOf(cNames);
        operationNaming = Map.copyOf(operationNaming);
        requireNonNull(fixedHeader, "fixedHeader");
        definitions = List.copyOf(definitions);
        attributeSets = List.copyOf(attributeSets);
        subMessages = List.copyOf(subMessages);
        operations = List.copyOf(operations);
        mcastGroups = List.copyOf(mcastGroups);
        requireNonNull(location, "location");
    }

    /**
     * Finds a definition by name.
     *
     * @param defName the name
     * @return the definition, or empty
     */
    public Optional<Definition> definition(String defName) {
        return definitions.stream().filter(d -> d.name().equals(defName)).findFirst();
    }

    /**
     * Finds a struct definition by name.
     *
     * @param structName the name
     * @return the struct, or empty
     */
    public Optional<Definition.Struct> struct(String structName) {
        return definition(structName)
                .filter(Definition.Struct.class::isInstance)
                .map(Definition.Struct.class::cast);
    }

    /**
     * Finds an enum or flags definition by name.
     *
     * @param enumName the name
     * @return the enum, or empty
     */
    public Optional<Definition.Enum> enumDef(String enumName) {
        return definition(enumName).filter(Definition.Enum.class::isInstance).map(Definition.Enum.class::cast);
    }

    /**
     * Finds an attribute set by name.
     *
     * @param setName the name
     * @return the set, or empty
     */
    public Optional<AttributeSet> attributeSet(String setName) {
        return attributeSets.stream().filter(s -> s.name().equals(setName)).findFirst();
    }

    /**
     * Finds a sub-message definition by name.
     *
     * @param subMessageName the name
     * @return the sub-message, or empty
     */
    public Optional<SubMessage> subMessage(String subMessageName) {
        return subMessages.stream().filter(s -> s.name().equals(subMessageName)).findFirst();
    }

    /**
     * Finds an operation by name.
     *
     * @param opName the name
     * @return the operation, or empty
     */
    public Optional<Operation> operation(String opName) {
        return operations.stream().filter(o -> o.name().equals(opName)).findFirst();
    }
}
