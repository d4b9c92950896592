package dev.tpm2j.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** Resolves selection strings to transports through the {@link TpmTransportProvider}s that are present. */
final class TransportSelection {
    private TransportSelection() {
    }

    /** Which artifact brings each well-known scheme, for the error when it is missing. */
    private static final Map<String, String> MODULES = Map.of(
            "sim", "dev.tpm2j:simulator (add it in compile scope when main code opens \"sim\", test scope for tests; "
                    + "it runs swtpm)",
            "swtpm", "dev.tpm2j:tpm2-transport",
            "mssim", "dev.tpm2j:tpm2-transport",
            "device", "dev.tpm2j:tpm2-transport",
            "tbs", "dev.tpm2j:tpm2-transport");

    static List<TpmTransportProvider> providers() {
        List<TpmTransportProvider> out = new ArrayList<>();
        ServiceLoader.load(TpmTransportProvider.class, TransportSelection.class.getClassLoader()).forEach(out::add);
        return out;
    }

    static TpmTransport open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty TPM selection string; use e.g. swtpm:host=127.0.0.1,port=2321");
        }
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String scheme = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        String config = colon < 0 ? "" : trimmed.substring(colon + 1);
        List<TpmTransportProvider> providers = providers();
        for (TpmTransportProvider p : providers) {
            if (p.scheme().equals(scheme)) {
                try {
                    return p.open(config);
                } catch (IOException e) {
                    throw new TpmTransportException("cannot open " + trimmed + ": " + e.getMessage(), e);
                }
            }
        }
        List<String> known = providers.stream().map(TpmTransportProvider::scheme).sorted().toList();
        String module = MODULES.get(scheme);
        throw new IllegalArgumentException("unknown TPM scheme '" + scheme + "' in '" + trimmed + "'; known: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + (module != null ? "; '" + scheme + "' comes with " + module : ""));
    }

    static TpmTransport openDefault(Map<String, String> env) {
        for (String var : List.of("TPM2J_TPM", "TPM2TOOLS_TCTI")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return open(v);
            }
        }
        List<String> tried = new ArrayList<>(List.of("TPM2J_TPM (unset)", "TPM2TOOLS_TCTI (unset)"));
        for (TpmTransportProvider p : providers()) {
            if (p.isPlatformDefault()) {
                try {
                    return p.open("");
                } catch (IOException | RuntimeException e) {
                    tried.add(p.scheme() + " (" + e.getMessage() + ")");
                }
            }
        }
        throw new TpmTransportException("no TPM reachable; tried: " + String.join("; ", tried)
                + ". Pass a selection string such as swtpm:host=127.0.0.1,port=2321",
                new IOException("no TPM reachable"));
    }
}
