package io.ynl4j.spec.decl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code operations} section as written.
 *
 * @param enumModel {@code enum-model}
 * @param naming the naming keys ({@code name-prefix}, {@code enum-name}, {@code async-prefix},
 *     {@code async-enum}) as text
 * @param fixedHeader {@code fixed-header}
 * @param list {@code list}
 * @param pos positions
 */
public record OperationsDecl(
        Optional<String> enumModel,
        Map<String, String> naming,
        Optional<String> fixedHeader,
        List<OpDecl> list,
        Positions pos) {
    public OperationsDecl {
        requireNonNull(enumModel, "enumModel");
        naming = Map.copyOf(naming);
        requireNonNull(fixedHeader, "fixedHeader");
        list = List.copyOf(list);
        requireNonNull(pos, "pos");
    }

    /**
     * One operation as written.
     *
     * @param name {@code name}
     * @param doc {@code doc}
     * @param value {@code value}
     * @param attributeSet {@code attribute-set}
     * @param flags {@code flags}
     * @param dontValidate {@code dont-validate}
     * @param configCond {@code config-cond}
     * @param fixedHeader {@code fixed-header}
     * @param doMode {@code do}
     * @param dumpMode {@code dump}
     * @param notifies {@code notify}
     * @param event {@code event}
     * @param mcgrp {@code mcgrp}
     * @param pos positions
     */
    public record OpDecl(
            String name,
            String doc,
            OptionalLong value,
            Optional<String> attributeSet,
            List<String> flags,
            List<String> dontValidate,
            Optional<String> configCond,
            Optional<String> fixedHeader,
            Optional<ModeDecl> doMode,
            Optional<ModeDecl> dumpMode,
            Optional<String> notifies,
            Optional<MsgDecl> event,
            Optional<String> mcgrp,
            Positions pos) {
        public OpDecl {
            requireNonNull(name, "name");
            requireNonNull(doc, "doc");
            requireNonNull(value, "value");
            requireNonNull(attributeSet, "attributeSet");
            flags = List.copyOf(flags);
            dontValidate = List.copyOf(dontValidate);
            requireNonNull(configCond, "configCond");
            requireNonNull(fixedHeader, "fixedHeader");
            requireNonNull(doMode, "doMode");
            requireNonNull(dumpMode, "dumpMode");
            requireNonNull(notifies, "notifies");
            requireNonNull(event, "event");
            requireNonNull(mcgrp, "mcgrp");
            requireNonNull(pos, "pos");
        }
    }

    /**
     * A {@code do} or {@code dump} as written.
     *
     * @param request {@code request}
     * @param reply {@code reply}
     * @param pre {@code pre}
     * @param post {@code post}
     * @param pos positions
     */
    public record ModeDecl(
            Optional<MsgDecl> request,
            Optional<MsgDecl> reply,
            Optional<String> pre,
            Optional<String> post,
            Positions pos) {
        public ModeDecl {
            requireNonNull(request, "request");
            requireNonNull(reply, "reply");
            requireNonNull(pre, "pre");
            requireNonNull(post, "post");
            requireNonNull(pos, "pos");
        }
    }

    /**
     * A request, reply or event as written.
     *
     * @param attributes {@code attributes}, each with its position
     * @param value {@code value}
     * @param pos positions
     */
    public record MsgDecl(List<Located<String>> attributes, OptionalLong value, Positions pos) {
        public MsgDecl {
            attributes = List.copyOf(attributes);
            requireNonNull(value, "value");
            requireNonNull(pos, "pos");
        }
    }
}
