package io.ynl4j.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Generated code compiled and loaded in a class loader whose parent holds the runtime, called by
 * reflection (tests only: the generator never loads the runtime).
 */
public final class GeneratedClasses implements AutoCloseable {
    private final URLClassLoader loader;

    private GeneratedClasses(URLClassLoader loader) {
        this.loader = loader;
    }

    /** Compiles the files under {@code dir} and loads them. */
    public static GeneratedClasses compile(List<JavaFile> files, Path dir) {
        assertThat(JavaCompilation.compile(files, dir)).isEmpty();
        try {
            return new GeneratedClasses(new URLClassLoader(
                    new URL[] {dir.resolve("classes").toUri().toURL()}, GeneratedClasses.class.getClassLoader()));
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Class<?> type(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + name, e);
        }
    }

    /** Calls a static method of a generated type, chosen by name and argument count. */
    public Object callStatic(String type, String method, Object... args) {
        return invoke(type(type), null, method, args);
    }

    /** Calls an instance method (of a generated type or of a runtime type). */
    public static Object call(Object target, String method, Object... args) {
        return invoke(target.getClass(), target, method, args);
    }

    /** A generated enum's constant. */
    Object constant(String type, String name) {
        try {
            return type(type).getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A new instance through a public constructor of the given arity. */
    Object construct(String type, Object... args) {
        try {
            for (var c : type(type).getConstructors()) {
                if (c.getParameterCount() == args.length) {
                    return c.newInstance(args);
                }
            }
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no constructor of " + type + " with " + args.length + " parameters");
    }

    private static Object invoke(Class<?> type, Object target, String method, Object[] args) {
        Method found = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method)
                    && m.getParameterCount() == args.length
                    && Modifier.isStatic(m.getModifiers()) == (target == null)
                    && accepts(m.getParameterTypes(), args)) {
                found = m;
                break;
            }
        }
        if (found == null) {
            throw new AssertionError("no method " + type.getName() + "." + method + Arrays.toString(args));
        }
        try {
            found.setAccessible(true);
            return found.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean accepts(Class<?>[] params, Object[] args) {
        for (int i = 0; i < params.length; i++) {
            Class<?> p = params[i].isPrimitive() ? box(params[i]) : params[i];
            if (args[i] != null && !p.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) {
            return Integer.class;
        } else if (primitive == long.class) {
            return Long.class;
        } else if (primitive == boolean.class) {
            return Boolean.class;
        }
        throw new IllegalArgumentException(primitive.getName());
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        if (e.getCause() instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(e.getCause());
    }

    @Override
    public void close() throws Exception {
        loader.close();
    }
}
