package io.ynl4j.codegen.emit;

import io.ynl4j.codegen.plan.FamilyPlan;
import io.ynl4j.codegen.plan.JavaNames;
import io.ynl4j.codegen.plan.MessagePlan;
import io.ynl4j.runtime.Bytes;
import io.ynl4j.runtime.EnumValue;
import io.ynl4j.runtime.FlagSet;
import io.ynl4j.runtime.UnknownAttributes;
import io.ynl4j.spec.AttrType;
import io.ynl4j.spec.Attribute;
import io.ynl4j.spec.AttributeSet;
import io.ynl4j.spec.Definition;
import io.ynl4j.spec.Family;
import io.ynl4j.spec.IntKind;
import io.ynl4j.spec.StructMember;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Random instances of generated records for property tests, built through the generated builders by reflection and
 * guided by the spec: each record component is matched with its attribute or struct member, whose wire type bounds
 * the value (u8 0..255, u32 0..2^32-1, s16 -2^15..2^15-1, u64/uint any long), whose struct or fixed length sizes its
 * bytes, and whose sub-message selector is set to the format chosen. Unknown attributes are always empty; lists hold
 * 0 to 3 elements; nests stop at a depth bound.
 */
public final class RandomMessages {
    static final int MAX_DEPTH = 4;
    static final int MAX_LIST = 3;
    /** Attribute types of nest-type-value levels: the 14 bits of {@code nla_type} below the flags. */
    static final long MAX_ATTR_TYPE = 0x3fff;

    private final GeneratedClasses gen;
    /** Class name → record component → its spec element ({@link AttrType} or {@link StructMember}). */
    private final Map<String, Map<String, Object>> hints = new HashMap<>();
    /** Components met without a spec element (class.component), to assert the hints cover everything. */
    private final Set<String> unhinted = new TreeSet<>();
    /** Every record class built (formats of sub-messages included). */
    private final Set<String> built = new TreeSet<>();

    public RandomMessages(GeneratedClasses gen, Family family, FamilyPlan plan, MessagePlan messages) {
        this.gen = gen;
        for (AttributeSet set : family.attributeSets()) {
            String cls = plan.attributeSet(set.name()).reflectionName();
            Map<String, Object> h = hints.computeIfAbsent(cls, k -> new HashMap<>());
            for (Attribute a : set.attributes()) {
                h.put(JavaNames.memberName(a.name()), a.type());
            }
        }
        for (Definition d : family.definitions()) {
            if (d instanceof Definition.Struct s) {
                Map<String, Object> h =
                        hints.computeIfAbsent(plan.struct(s.name()).reflectionName(), k -> new HashMap<>());
                for (StructMember m : s.members()) {
                    h.put(JavaNames.memberName(m.name()), m);
                }
            }
        }
        for (MessagePlan.Shape shape : messages.shapes()) {
            Map<String, Object> h = hints.computeIfAbsent(messages.name(shape).reflectionName(), k -> new HashMap<>());
            if (shape.attributeSet().isEmpty()) {
                continue;
            }
            AttributeSet set = family.attributeSet(shape.attributeSet().get()).orElseThrow();
            for (String name : shape.attributes()) {
                Attribute a = set.attributes().stream()
                        .filter(x -> x.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(shape.key() + ": no attribute " + name));
                h.put(JavaNames.memberName(a.name()), a.type());
            }
        }
    }

    /** The record classes built so far, for coverage. */
    public Set<String> built() {
        return built;
    }

    /** Components that were generated without a spec element; should stay empty. */
    public Set<String> unhinted() {
        return unhinted;
    }

    /** A random message record: its fixed header without trailing bytes (attributes follow it). */
    public Object message(Class<?> type, SplittableRandom r) {
        return record(type, null, false, 0, r);
    }

    // Records.

    private Object record(Class<?> cls, Object hint, boolean trailingAllowed, int depth, SplittableRandom r) {
        RecordComponent[] components = cls.getRecordComponents();
        if (components == null) {
            throw new AssertionError("not a record: " + cls.getName());
        }
        Map<String, Object> h = hints.getOrDefault(cls.getName(), Map.of());
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Object ch = h.get(c.getName());
            if (c.getType() == UnknownAttributes.class) {
                values[i] = UnknownAttributes.NONE;
            } else if (c.getName().equals("trailing") && c.getType() == Bytes.class && ch == null) {
                // A struct's bytes beyond its size: only an attribute's struct can carry them back.
                values[i] = trailingAllowed && r.nextInt(4) == 0 ? bytes(1 + r.nextInt(8), r) : Bytes.of();
            } else if (ch == null && hint instanceof AttrType.NestTypeValue && isInteger(c.getType())) {
                values[i] = integer(c.getType(), 0, MAX_ATTR_TYPE, r); // a nest-type-value level's type
            } else if (ch == null
                    && hint instanceof AttrType.Scalar
                    && !c.getName().equals("value")) {
                values[i] = integer(c.getType(), 0, MAX_ATTR_TYPE, r); // a type-value scalar's type level
            } else if (ch == null && hint instanceof AttrType.Scalar) {
                values[i] = value(cls.getName() + "." + c.getName(), c.getGenericType(), hint, depth, r);
            } else {
                values[i] = value(cls.getName() + "." + c.getName(), c.getGenericType(), ch, depth, r);
            }
        }
        // Sub-messages: their selector attribute in the same record names the format chosen.
        for (int i = 0; i < components.length; i++) {
            if (h.get(components[i].getName()) instanceof AttrType.SubMessage sm
                    && values[i] instanceof Optional<?> o
                    && o.isPresent()) {
                String selector = (String) GeneratedClasses.call(o.get(), "selectorValue");
                int s = indexOf(components, JavaNames.memberName(sm.selector()));
                if (s < 0) {
                    throw new AssertionError(cls.getName() + ": selector " + sm.selector() + " is not in the record");
                }
                if (!(components[s].getGenericType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] == String.class)) {
                    throw new AssertionError("only string selectors are supported: " + components[s]);
                }
                values[s] = Optional.of(selector);
            }
        }
        return build(cls, components, values);
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Through the generated builder (one setter per component, taking the component's type) when there is one. */
    private Object build(Class<?> cls, RecordComponent[] components, Object[] values) {
        built.add(cls.getName());
        try {
            Method builderMethod = staticMethod(cls, "builder");
            if (builderMethod == null) {
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                }
                return cls.getDeclaredConstructor(types).newInstance(values);
            }
            Object builder = builderMethod.invoke(null);
            for (int i = 0; i < components.length; i++) {
                Method setter = builder.getClass().getMethod(components[i].getName(), components[i].getType());
                setter.invoke(builder, values[i]);
            }
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(cls.getName() + ": " + e, e);
        }
    }

    private static Method staticMethod(Class<?> cls, String name, Class<?>... params) {
        try {
            Method m = cls.getMethod(name, params);
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    // Values.

    private Object value(String where, Type type, Object hint, int depth, SplittableRandom r) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class) {
            Class<?> inner = rawClass(arg(type, 0));
            boolean deep = inner.isRecord() || inner.isInterface() || inner == List.class;
            if (r.nextInt(3) == 0 || (deep && depth >= MAX_DEPTH)) {
                return Optional.empty();
            }
            return Optional.of(value(where, arg(type, 0), hint, depth, r));
        } else if (raw == OptionalInt.class) {
            return r.nextInt(3) == 0 ? OptionalInt.empty() : OptionalInt.of((int) scalar(where, int.class, hint, r));
        } else if (raw == OptionalLong.class) {
            return r.nextInt(3) == 0
                    ? OptionalLong.empty()
                    : OptionalLong.of((long) scalar(where, long.class, hint, r));
        } else if (isInteger(raw)) {
            return scalar(where, raw, hint, r);
        } else if (raw == boolean.class || raw == Boolean.class) {
            return r.nextBoolean();
        } else if (raw == String.class) {
            return string(where, hint, r);
        } else if (raw == Bytes.class) {
            return binary(where, hint, r);
        } else if (raw == List.class) {
            int n = depth >= MAX_DEPTH ? 0 : r.nextInt(MAX_LIST + 1);
            Object elementHint = switch (hint) {
                case AttrType.IndexedArray a -> a.element();
                case AttrType.Binary b
                when b.subType().isPresent() -> b.subType().get();
                case null, default -> hint;
            };
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(value(where + "[]", arg(type, 0), elementHint, depth + 1, r));
            }
            return List.copyOf(out);
        } else if (raw == FlagSet.class || raw == EnumValue.class) {
            Class<?> e = rawClass(arg(type, 0));
            long v = (long) scalar(where, long.class, hint, r);
            for (Method m : e.getMethods()) {
                if (Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == raw
                        && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == long.class) {
                    try {
                        return m.invoke(null, v);
                    } catch (ReflectiveOperationException ex) {
                        throw new AssertionError(ex);
                    }
                }
            }
            throw new AssertionError(e.getName() + " has no static " + raw.getSimpleName() + " of(long)/flags(long)");
        } else if (raw == UnknownAttributes.class) {
            return UnknownAttributes.NONE;
        } else if (raw.isRecord()) {
            boolean attributeStruct =
                    hint instanceof AttrType.Binary b && b.struct().isPresent();
            return record(raw, hint, attributeStruct, depth + 1, r);
        } else if (raw.isSealed()) {
            return subMessage(where, raw, depth, r);
        }
        throw new AssertionError(where + ": no random values of " + type);
    }

    /** A format of a sub-message, or (one in five) a payload under a selector value the spec does not list. */
    private Object subMessage(String where, Class<?> sealed, int depth, SplittableRandom r) {
        List<Class<?>> known = new ArrayList<>();
        Class<?> unknown = null;
        Set<String> values = new TreeSet<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            try {
                values.add((String) c.getField("SELECTOR_VALUE").get(null));
                known.add(c);
            } catch (NoSuchFieldException e) {
                unknown = c;
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        if (unknown != null && (known.isEmpty() || r.nextInt(5) == 0)) {
            String selector;
            do {
                selector = "x" + asciiText(1 + r.nextInt(8), r);
            } while (values.contains(selector));
            return build(unknown, unknown.getRecordComponents(), new Object[] {selector, bytes(r.nextInt(17), r)});
        }
        Class<?> format = known.get(r.nextInt(known.size()));
        return record(format, null, false, depth + 1, r);
    }

    private static boolean isInteger(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class;
    }

    private Object scalar(String where, Class<?> javaType, Object hint, SplittableRandom r) {
        IntKind kind = switch (hint) {
            case IntKind k -> k;
            case AttrType.Scalar s -> s.kind();
            case StructMember m when m.type() instanceof StructMember.MemberType.Scalar s -> s.kind();
            case null, default -> null;
        };
        if (kind == null) {
            unhinted.add(where + " (" + hint + ")");
            return integer(javaType, 0, 127, r);
        }
        long min = kind.min();
        long max = kind.size() == 8 && !kind.signed() ? Long.MAX_VALUE : kind.max();
        if (kind.size() == 8 && !kind.signed()) {
            min = Long.MIN_VALUE; // u64/uint: all 64 bits, read back as the same long
        }
        return integer(javaType, min, max, r);
    }

    /** A value in [min, max], one in four a boundary. */
    private static Object integer(Class<?> javaType, long min, long max, SplittableRandom r) {
        boolean isInt = javaType == int.class || javaType == Integer.class;
        if (isInt) {
            min = Math.max(min, Integer.MIN_VALUE);
            max = Math.min(max, Integer.MAX_VALUE);
        }
        long v;
        int pick = r.nextInt(8);
        if (pick == 0) {
            v = min;
        } else if (pick == 1) {
            v = max;
        } else if (pick == 2) {
            v = Math.max(min, Math.min(max, r.nextInt(3)));
        } else if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            v = r.nextLong();
        } else {
            v = min + r.nextLong(max - min + 1);
        }
        return isInt ? (Object) (int) v : (Object) v;
    }

    private String string(String where, Object hint, SplittableRandom r) {
        if (hint instanceof StructMember m && m.type() instanceof StructMember.MemberType.Str s) {
            return asciiText(r.nextInt(s.len()), r); // NUL-padded in the struct: room for one NUL
        }
        if (!(hint instanceof AttrType.Str)) {
            unhinted.add(where + " (" + hint + ")");
        }
        int n = r.nextInt(13);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            int cp = kind < 7
                    ? 1 + r.nextInt(0x7f)
                    : kind < 9 ? 0x80 + r.nextInt(0xd800 - 0x80) : 0x10000 + r.nextInt(0x10ffff - 0x10000);
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String asciiText(int n, SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private Bytes binary(String where, Object hint, SplittableRandom r) {
        return switch (hint) {
            case StructMember m when m.type() instanceof StructMember.MemberType.Binary b -> bytes(b.len(), r);
            case AttrType.Binary b -> bytes(r.nextInt(17), r);
            case null, default -> {
                unhinted.add(where + " (" + hint + ")");
                yield bytes(r.nextInt(17), r);
            }
        };
    }

    private static Bytes bytes(int n, SplittableRandom r) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return Bytes.of(b);
    }

    // Types.

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new AssertionError("unexpected type " + t);
    }

    private static Type arg(Type t, int i) {
        return ((ParameterizedType) t).getActualTypeArguments()[i];
    }
}
