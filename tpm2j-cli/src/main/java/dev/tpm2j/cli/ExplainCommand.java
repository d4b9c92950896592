package dev.tpm2j.cli;

import dev.tpm2j.diagnose.explain.Cause;
import dev.tpm2j.diagnose.explain.Explainer;
import dev.tpm2j.diagnose.explain.Explanation;
import dev.tpm2j.diagnose.explain.LogFinding;
import dev.tpm2j.diagnose.explain.LogFolder;
import dev.tpm2j.diagnose.explain.RankedCause;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** {@code tpm2j explain}: from a Windows / Autopilot symptom to its TPM cause. Its model is built in code. */
final class ExplainCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    List<String> words = new ArrayList<>();
    Path logs;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "explain", "From a Windows / Autopilot symptom to the TPM cause: "
                + "explains a code (TPM, tpm2-tss, TBS / TPM_20_E, TPMAPI, or an HRESULT seen in attestation such as "
                + "0x800705B4), a name (CERT_E_EXPIRED), an event id (\"event 302\"), a TpmHliInfo flag (-NoValidEkCert) "
                + "or pasted text (tpmtool, dsregcmd, certreq output, event XML/CSV, localized event text); ranks the TPM "
                + "and the non-TPM causes by everything the paste holds (--json says why) with the tpm2j check that "
                + "confirms or rules out each. Needs no TPM.",
                "With --logs, reads an extracted MDMDiagnosticsTool -area Autopilot;TPM folder instead.");
        Map<String, String> exits = new LinkedHashMap<>();
        exits.put("0", "recognised (with --logs: something was found)");
        exits.put("1", "not recognised (with --logs: nothing found)");
        exits.put("2", "usage error");
        exits.put("3", "--logs names no folder");
        s.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exits)
                .footer("%nExamples:%n  tpm2j explain 0x800705B4", "  tpm2j explain event 302",
                        "  tpm2j explain -NoValidEkCert", "  tpm2j --json explain \"certreq: CERT_E_EXPIRED\"",
                        "  tpm2j explain --logs C:\\MDMDiag");
        s.addPositional(CodeModel.positional((Class<List<String>>) (Class) List.class, () -> words, v -> words = v)
                .auxiliaryTypes(String.class).arity("0..*").required(false).paramLabel("ANYTHING")
                .description("a code, name, event id or log line (several words are one input); a word that starts "
                        + "with - and is no tpm2j option is text (-NoValidEkCert), and after -- every word is").build());
        pastedTextIsText(s);
        s.addOption(CodeModel.option(Path.class, () -> logs, v -> logs = v, "--logs").paramLabel("DIR")
                .description("an extracted MDMDiagnosticsTool folder: TpmHliInfo_Output.txt, "
                        + "Certreq_enrollaik_output.txt, event exports (.xml from wevtutil /f:xml, .csv)").build());
        return s;
    }

    /**
     * What people paste starts with {@code -} ({@code -NoValidEkCert}, a TpmHliInfo flag): before picocli parses this
     * command, its arguments are put in order options first, then {@code --}, then the text, so that an argument that
     * is none of this command's options (nor the value of one) is text, never an unknown option, and is never split
     * into single-letter options ({@code -hello} is not {@code -h}). After {@code --} every argument is text. A root
     * option this command does not take ({@code --tpm}) stays a usage error.
     */
    private static void pastedTextIsText(CommandSpec s) {
        s.preprocessor((args, command, arg, info) -> {
            String end = command.parser().endOfOptionsDelimiter();
            List<String> options = new ArrayList<>();
            List<String> text = new ArrayList<>();
            boolean textOnly = false;
            for (int i = args.size() - 1; i >= 0; i--) { // the top of the stack is the next argument
                String a = args.get(i);
                int eq = a.indexOf('=');
                String name = eq > 0 ? a.substring(0, eq) : a;
                OptionSpec option = command.optionsMap().get(name);
                if (textOnly) {
                    text.add(a);
                } else if (a.equals(end)) {
                    textOnly = true;
                } else if (option != null) {
                    options.add(a);
                    if (eq < 0 && option.arity().min > 0 && i > 0) {
                        options.add(args.get(--i)); // its value, whatever it looks like
                    }
                } else if (command.root().optionsMap().containsKey(name)) {
                    throw new ParameterException(command.commandLine(), command.name()
                            + " does not take " + name + " (it needs no TPM); to explain it as text, put -- before it");
                } else {
                    text.add(a);
                }
            }
            args.clear();
            if (!text.isEmpty()) {
                options.add(end);
                options.addAll(text);
            }
            for (int i = options.size() - 1; i >= 0; i--) {
                args.push(options.get(i));
            }
            return false;
        });
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (logs != null) {
            if (!words.isEmpty()) {
                throw new IllegalArgumentException("give either --logs DIR or something to explain, not both");
            }
            return logs(out);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("nothing to explain: give a code, an event id or a log line");
        }
        Explanation e = Explainer.explain(String.join(" ", words));
        root.print(out, json(e), text(e));
        return e instanceof Explanation.Recognised ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }

    static Map<String, Object> json(Explanation e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("input", e.input());
        if (e instanceof Explanation.Recognised r) {
            doc.put("kind", r.kind().label());
            doc.put("code", r.code().isPresent() ? String.format("0x%08x", r.code().getAsInt()) : null);
            doc.put("name", r.name().orElse(null));
            doc.put("summary", r.summary());
            List<Object> causes = new ArrayList<>();
            int rank = 0;
            for (RankedCause rc : r.ranked()) {
                Cause c = rc.cause();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rank", ++rank);
                m.put("id", c.id());
                m.put("cause", c.cause());
                m.put("tpm", c.inTpm());
                m.put("check", c.check().command().orElse(null));
                m.put("lookAt", c.check() instanceof dev.tpm2j.diagnose.explain.Check.OutsideTpm2j o ? o.where() : null);
                m.put("score", rc.score());
                m.put("why", rc.why());
                causes.add(m);
            }
            doc.put("causes", causes);
        } else if (e instanceof Explanation.NotRecognised n) {
            doc.put("kind", null);
            doc.put("code", null);
            doc.put("name", null);
            doc.put("summary", "not recognised: " + n.why());
            doc.put("causes", List.of());
        }
        return doc;
    }

    static String text(Explanation e) {
        StringBuilder sb = new StringBuilder();
        if (e instanceof Explanation.Recognised r) {
            String head = r.code().isPresent() ? String.format("0x%08X", r.code().getAsInt()) : r.input().strip();
            sb.append(head).append(r.name().map(n -> "  " + n).orElse("")).append("  [").append(r.kind().label())
                    .append("]\n  ").append(r.summary()).append('\n');
            if (!r.causes().isEmpty() && !r.causes().get(0).inTpm()) {
                sb.append("  most likely not the TPM: ").append(r.causes().get(0).id()).append('\n');
            }
            for (Cause c : r.causes()) {
                sb.append(c.inTpm() ? "  TPM    " : "  other  ").append(c.cause()).append('\n');
                sb.append("         check: ").append(c.check().command().orElseGet(() ->
                        "(not a tpm2j check) " + ((dev.tpm2j.diagnose.explain.Check.OutsideTpm2j) c.check()).where()))
                        .append('\n');
            }
        } else if (e instanceof Explanation.NotRecognised n) {
            sb.append("not recognised: ").append(n.input().strip()).append(" (").append(n.why()).append(")\n");
        }
        return sb.toString().stripTrailing();
    }

    private Integer logs(PrintWriter out) {
        if (!java.nio.file.Files.isDirectory(logs)) {
            throw new InputFileException("--logs", logs, java.nio.file.Files.exists(logs) ? "not a directory"
                    : "no such directory", null);
        }
        LogFolder.Report report = LogFolder.read(logs);
        List<Object> findings = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append(logs).append(": ").append(report.filesRead()).append(" file(s) read\n");
        for (LogFinding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.source());
            if (f instanceof LogFinding.Explained x) {
                m.put("type", "explained");
                m.put("line", x.line());
                m.put("excerpt", x.excerpt());
                m.putAll(json(x.explanation()));
                text.append('\n').append(x.source()).append(':').append(x.line()).append("  ").append(x.excerpt())
                        .append('\n').append(text(x.explanation()).indent(2).stripTrailing()).append('\n');
            } else if (f instanceof LogFinding.AikUrlUsed u) {
                m.put("type", "aik-url");
                m.put("line", u.line());
                m.put("url", u.url());
                text.append('\n').append(u.source()).append(':').append(u.line()).append("  AIK URL used: ")
                        .append(u.url()).append("\n  compare with the right one on the device: tpm2j aik-url\n");
            } else if (f instanceof LogFinding.Skipped s) {
                m.put("type", "skipped");
                m.put("why", s.why());
                text.append('\n').append(s.source()).append(": skipped, ").append(s.why()).append('\n');
            }
            findings.add(m);
        }
        boolean found = report.findings().stream().anyMatch(f -> !(f instanceof LogFinding.Skipped));
        if (!found) {
            text.append("nothing tpm2j recognises was found\n");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("logs", logs.toString());
        doc.put("filesRead", report.filesRead());
        doc.put("findings", findings);
        root.print(out, doc, text.toString().stripTrailing());
        return found ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }
}
