package it;

public final class App {
    private App() {}

    static Class<?> earlier() {
        return Earlier.class;
    }
}
