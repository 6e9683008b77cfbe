package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The top level of a spec as written.
 *
 * @param name {@code name}
 * @param doc {@code doc}
 * @param protocol {@code protocol}, if written
 * @param protonum {@code protonum}
 * @param version {@code version}
 * @param uapiHeader {@code uapi-header}
 * @param cNames the C naming keys written at the top level ({@code c-family-name},
 *     {@code c-version-name}, {@code max-by-define}, {@code cmd-max-name}, {@code cmd-cnt-name},
 *     {@code kernel-policy}), as text
 * @param definitions {@code definitions}
 * @param attributeSets {@code attribute-sets}
 * @param subMessages {@code sub-messages}
 * @param operations {@code operations}
 * @param mcastGroups {@code mcast-groups.list}
 * @param kernelFamily the keys of {@code kernel-family} (kept, unused by user-space code)
 * @param pos positions
 */
public record FamilyDecl(
        String name,
        String doc,
        Optional<String> protocol,
        OptionalLong protonum,
        OptionalLong version,
        Optional<String> uapiHeader,
        Map<String, String> cNames,
        List<DefinitionDecl> definitions,
        List<AttrSetDecl> attributeSets,
        List<SubMessageDecl> subMessages,
        OperationsDecl operations,
        List<McastGroupDecl> mcastGroups,
        List<String> kernelFamily,
        Positions pos) {
    public FamilyDecl {
        requireNonNull(name, "name");
        requireNonNull(doc, "doc");
        requireNonNull(protocol, "protocol");
        requireNonNull(protonum, "protonum");
        requireNonNull(version, "version");
        requireNonNull(uapiHeader, "uapiHeader");
        cNames = Map.copyOf(cNames);
        definitions = List.copyOf(definitions);
        attributeSets = List.copyOf(attributeSets);
        subMessages = List.copyOf(subMessages);
        requireNonNull(operations, "operations");
        mcastGroups = List.copyOf(mcastGroups);
        kernelFamily = List.copyOf(kernelFamily);
        requireNonNull(pos, "pos");
    }
}
