package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.ek.TrustBundle;
import dev.tpm2j.diagnose.readiness.Check;
import dev.tpm2j.diagnose.readiness.Readiness;
import dev.tpm2j.diagnose.readiness.ReferenceTime;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import java.util.function.Consumer;

/**
 * The attestation readiness report: parses the options, runs {@link Readiness#assess} and renders its checks (one
 * line per check with pass / warn / fail / n/a / not-checked and the fix, or JSON). A check that could not run
 * (not-checked) is no pass: the report is then not ready. Malformed option values are usage errors. Check ids:
 * tpm20, ek-cert, ek-match, ek-chain, aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events (Windows
 * only; n/a elsewhere); {@code --only} runs the named ones.
 */
final class DiagnoseCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    TrustOptions trustOptions = new TrustOptions();
    Instant referenceTime;
    String timeUrl;
    List<String> only;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "diagnose", "Is this TPM ready for attestation (Autopilot, AIK "
                + "enrollment)? One line per check, with the fix.");
        s.usageMessage().footer("", "Exit codes: 0 every check passed, warned or does not apply (n/a); 1 a check "
                + "failed or could not run (not-checked: e.g. clock-skew without --reference-time or --time-url); "
                + "2 usage error; 3 TPM or I/O error.",
                "Progress lines go to stderr only when stderr is a terminal.",
                "Example: tpm2j diagnose --trust roots.pem --intermediates intermediates.pem --time-url https://example.com");
        trustOptions.addTo(s);
        s.addOption(CodeModel.option(Instant.class, () -> referenceTime, v -> referenceTime = v, "--reference-time")
                .converters(DiagnoseCommand::instant).paramLabel("ISO8601")
                .description("the true time (ISO 8601, e.g. 2026-12-07T20:15:00Z), to check clock skew; default: none "
                        + "(without it or --time-url, clock-skew is not checked and the report is not ready)").build());
        s.addOption(CodeModel.option(String.class, () -> timeUrl, v -> timeUrl = v, "--time-url").paramLabel("URL")
                .converters(DiagnoseCommand::httpUrl)
                .description("take the true time from this http(s) server's Date header; default: none").build());
        s.addOption(CodeModel.list(String.class, () -> only, v -> only = v, "--only").paramLabel("ID").splitRegex(",")
                .description("run only these checks (comma-separated or repeated): tpm20, ek-cert, ek-match, ek-chain, "
                        + "aik-url, roca, virtual-tpm, clock-skew, activation, autopilot-events; default: all").build());
        return s;
    }

    /** {@code --reference-time}: an ISO 8601 instant; anything else is a usage error. */
    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO 8601 time such as "
                    + "2026-12-07T20:15:00Z");
        }
    }

    /** {@code --time-url}: an http(s) URL with a host; anything else is a usage error. */
    static String httpUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // the message below says what is expected
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not an http(s) URL such as "
                + "https://www.microsoft.com");
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
        trustOptions.check();
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
            return new ReferenceTime.Given(referenceTime, "--reference-time");
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
        int width = report.checks().stream().mapToInt(c -> c.status().id().length()).max().orElse(0);
        int column = Math.max(6, width + 2); // "FAIL  ", and wider only when a longer status is reported
        String line = "%-" + column + "s%-12s %s%n";
        String indent = " ".repeat(column);
        for (Check c : report.checks()) {
            list.add(json(c));
            text.append(String.format(line, c.status().id().toUpperCase(Locale.ROOT), c.id(), c.detail()));
            if (c.fix() != null) {
                text.append(indent).append("fix: ").append(c.fix()).append('\n');
            }
        }
        doc.put("checks", list);
        doc.put("ready", ready);
        doc.put("notChecked", report.notChecked());
        if (!report.failed().isEmpty()) {
            text.append("NOT ready for attestation");
            if (!report.notChecked().isEmpty()) {
                text.append(" (and not checked: ").append(String.join(", ", report.notChecked())).append(')');
            }
        } else if (!report.notChecked().isEmpty()) {
            text.append("NOT known to be ready for attestation: not checked: ")
                    .append(String.join(", ", report.notChecked()));
        } else {
            text.append("ready for attestation");
        }
        root.print(spec.commandLine().getOut(), doc, text.toString());
        return ready ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }
}
