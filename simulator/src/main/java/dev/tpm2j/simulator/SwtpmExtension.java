package dev.tpm2j.simulator;

import dev.tpm2j.core.Tpm;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a real TPM: one swtpm per test class (or per test with
 * {@link FreshSimulator}), injected as {@link Swtpm} or as a {@link Tpm} that is closed after the test. Simulators
 * stop when their scope ends. Fails (never skips) when swtpm is not installed.
 *
 * <pre>{@code
 * @ExtendWith(SwtpmExtension.class)
 * class MyTest {
 *     @Test
 *     void readsEkCertificate(Tpm tpm) {
 *         assertTrue(tpm.nvRead(0x01C00002).length > 0);
 *     }
 * }
 * }</pre>
 */
// Inherent "exports" lint: JUnit is an optional dependency of this module (requires static), so its types in this
// class's signatures cannot be re-exported; "requires static transitive" would force every module reading the
// simulator (the CLI's --tpm sim) to have JUnit at compile time. Tests that use the extension have JUnit anyway.
@SuppressWarnings("exports")
public final class SwtpmExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SwtpmExtension.class);

    /** Creates the extension; JUnit does this for {@code @ExtendWith(SwtpmExtension.class)}. */
    public SwtpmExtension() {
    }

    /**
     * Store entry that stops the simulator when JUnit closes the store (JUnit 5.13+ closes stored
     * {@link AutoCloseable} values).
     */
    private record Running(Swtpm sim) implements AutoCloseable {
        @Override
        public void close() {
            sim.close();
        }
    }

    /** Store entry that closes a Tpm after its test. */
    private record Open(Tpm tpm) implements AutoCloseable {
        @Override
        public void close() {
            tpm.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == Swtpm.class || type == Tpm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Swtpm sim = simulatorFor(e);
        if (p.getParameter().getType() == Swtpm.class) {
            return sim;
        }
        Tpm tpm = sim.openTpm();
        e.getStore(NS).put("tpm-" + p.getIndex(), new Open(tpm));
        return tpm;
    }

    private static Swtpm simulatorFor(ExtensionContext e) {
        boolean fresh = e.getTestMethod().map(m -> m.isAnnotationPresent(FreshSimulator.class)).orElse(false);
        ExtensionContext scope = fresh ? e : e.getRoot().equals(e) ? e : classContext(e);
        try {
            // stores see their parents' entries, so a fresh simulator needs a key of its own
            String key = fresh ? "swtpm-fresh" : "swtpm";
            return scope.getStore(NS).getOrComputeIfAbsent(key, k -> new Running(Swtpm.start()), Running.class)
                    .sim();
        } catch (RuntimeException ex) {
            throw new ParameterResolutionException("cannot start swtpm: " + ex.getMessage(), ex);
        }
    }

    private static ExtensionContext classContext(ExtensionContext e) {
        ExtensionContext c = e;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
