package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.ek.readiness.Check;
import dev.tpm2j.ek.readiness.Readiness;
import dev.tpm2j.ek.readiness.ReferenceTime;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import java.util.function.Consumer;

/**
 * The attestation readiness report: parses the options, runs {@link Readiness#assess} and renders its checks (one
 * line per check with pass / warn / fail / n/a and the fix, or JSON). Check ids: tpm20, ek-cert, ek-match, ek-chain,
 * aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events (Windows only; n/a elsewhere); {@code --only}
 * runs the named ones.
 */
final class DiagnoseCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    TrustOptions trustOptions = new TrustOptions();
    String referenceTime;
    String timeUrl;
    List<String> only;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "diagnose", "Is this TPM ready for attestation (Autopilot, AIK "
                + "enrollment)? One line per check, with the fix.");
        s.usageMessage().footer("", "Exit codes: 0 every check passed, warned or does not apply (n/a); 1 a check "
                + "failed; 2 usage error; 3 TPM or I/O error.",
                "Progress lines go to stderr only when stderr is a terminal.",
                "Example: tpm2j diagnose --trust roots.pem --intermediates intermediates.pem --time-url https://example.com");
        trustOptions.addTo(s);
        s.addOption(CodeModel.option(String.class, () -> referenceTime, v -> referenceTime = v, "--reference-time")
                .paramLabel("ISO8601").description("the true time (ISO 8601), to check clock skew; default: none (the "
                        + "check is skipped unless --time-url is given)").build());
        s.addOption(CodeModel.option(String.class, () -> timeUrl, v -> timeUrl = v, "--time-url").paramLabel("URL")
                .description("take the true time from this http(s) server's Date header; default: none").build());
        s.addOption(CodeModel.list(String.class, () -> only, v -> only = v, "--only").paramLabel("ID").splitRegex(",")
                .description("run only these checks (comma-separated or repeated): tpm20, ek-cert, ek-match, ek-chain, "
                        + "aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events; default: all").build());
        return s;
    }

    /**
     * Progress lines go to stderr only for a person at a terminal; Java sees the terminal through
     * {@code System.console()}, which also needs stdin and stdout attached, so piped and captured runs stay quiet.
     */
    private static boolean interactive() {
        return System.console() != null;
    }

    @Override
    public Integer call() {
        if (only != null) {
            List<String> unknown = only.stream().filter(id -> !Readiness.ids().contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("--only: unknown check id " + String.join(", ", unknown)
                        + "; valid ids: " + String.join(", ", Readiness.ids()));
            }
        }
        Tpm tpm;
        try {
            tpm = root.openTpm();
        } catch (TpmException | IllegalArgumentException e) {
            return report(Readiness.noTpm(e.getMessage()));
        }
        try (tpm) {
            TrustBundle bundle = trustOptions.bundle(tpm);
            Consumer<Check> progress = interactive()
                    ? c -> spec.commandLine().getErr().println("diagnose: " + c.id() + " " + c.status().id()) : null;
            Readiness.Options options = new Readiness.Options(bundle, trustOptions.aiaFetcher().orElse(null),
                    only == null || only.contains("clock-skew") ? referenceTime() : new ReferenceTime.None(), progress);
            return report(only == null ? Readiness.assess(tpm, options) : Readiness.assessOnly(tpm, options, only));
        }
    }

    private ReferenceTime referenceTime() {
        if (referenceTime != null) {
            try {
                return new ReferenceTime.Given(Instant.parse(referenceTime), "--reference-time");
            } catch (DateTimeParseException e) {
                return new ReferenceTime.Unavailable(e.getMessage());
            }
        }
        if (timeUrl != null) {
            return ReferenceTime.fromHttpDateHeader(timeUrl, Duration.ofSeconds(5));
        }
        return new ReferenceTime.None();
    }

    private static Map<String, Object> json(Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("status", c.status().id());
        m.put("detail", c.detail());
        m.put("fix", c.fix());
        return m;
    }

    private int report(Readiness.Report report) {
        boolean ready = report.ready();
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Check c : report.checks()) {
            list.add(json(c));
            text.append(String.format("%-5s %-12s %s%n", c.status().id().toUpperCase(Locale.ROOT), c.id(), c.detail()));
            if (c.fix() != null) {
                text.append("      fix: ").append(c.fix()).append('\n');
            }
        }
        doc.put("checks", list);
        doc.put("ready", ready);
        text.append(ready ? "ready for attestation" : "NOT ready for attestation");
        root.print(spec.commandLine().getOut(), doc, text.toString());
        return ready ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }
}
