package dev.tpm2j.cli;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.PcrValuesFile;
import dev.tpm2j.attest.eventlog.EventContent;
import dev.tpm2j.attest.eventlog.EventLog;
import dev.tpm2j.attest.eventlog.PcrComparison;
import dev.tpm2j.attest.eventlog.ReplayedPcrs;
import dev.tpm2j.attest.eventlog.SecureBootState;
import dev.tpm2j.attest.eventlog.TcgEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class EventLogCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    /** Marks an event whose type defines its digest over its data, and whose digest does not cover it. */
    static final String FORGED = "[DATA NOT COVERED BY ITS DIGEST] ";
    Path file;
    Path pcrValues;
    int maxSize = EventLog.DEFAULT_MAX_BYTES;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "eventlog", "Parse a TCG PC Client measured-boot event log (Linux "
                + "binary_bios_measurements, Windows MeasuredBoot *.log), replay it to PCR values per bank, and "
                + "optionally compare them with PCR values (e.g. those behind a verified quote), naming the first PCR "
                + "that differs.",
                "--json prints {\"events\": [...], \"pcrs\": {bank: {index: hex}}, \"mismatch\": null or "
                        + "{\"bank\", \"pcr\", \"expected\", \"replayed\"}, \"unlogged\": null or {\"bank\", \"pcr\", "
                        + "\"reported\", \"initial\"}}. PCRs start from the PC Client values (17-22 all ones).");
        s.usageMessage().footer("", "Exit codes: 0 parsed (and every PCR the log extended matches; a PCR the log has no "
                + "event for is listed as unlogged, not as a mismatch), 1 a PCR differs or was not compared, 2 usage "
                + "error, 3 unparseable, too large or unreadable log or --pcr-values file (also when memory runs out).", "",
                "Example: tpm2j eventlog /sys/kernel/security/tpm0/binary_bios_measurements "
                        + "--pcr-values quote.pcrs.json --json");
        s.addPositional(CodeModel.positional(Path.class, () -> file, v -> file = v).paramLabel("FILE")
                .description("the event log").build());
        s.addOption(CodeModel.option(Path.class, () -> pcrValues, v -> pcrValues = v, "--pcr-values").paramLabel("FILE")
                .description("PCR values a verified quote vouches for (the file verify-quote called valid: pcrs --json "
                        + "format, or tpm2_quote's -o file, serialized or marshaled): the replay must equal them, and Secure Boot is judged only against them; default: "
                        + "no comparison, Secure Boot Unverified").build());
        s.addOption(CodeModel.option(int.class, () -> maxSize, v -> maxSize = v, "--max-size").paramLabel("BYTES")
                .description("refuse a log larger than this (the parser keeps about twice the file in memory)")
                .build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (OutOfMemoryError e) {
            return Tpm2jCli.report(spec.commandLine(), e, file + ": not enough memory to parse this log (try a "
                    + "larger -Xmx or a smaller --max-size); nothing was compared", Tpm2jCli.TPM_ERROR);
        }
    }

    private int run() throws Exception {
        if (maxSize < 1) {
            throw new IllegalArgumentException("--max-size " + maxSize + " is not a positive number of bytes");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            throw new InputFileException("event log", file, InputFiles.problem(e), e);
        }
        if (size > maxSize) {
            throw new InputFileException("event log", file, "the log is " + size + " bytes, more than --max-size "
                    + maxSize, null);
        }
        PcrValues verified = pcrValues == null ? null : InputFiles.parse("--pcr-values", pcrValues,
                "PCR values (pcrs --json or a tpm2-tools PCR file)", b -> PcrValuesFile.read(b, null));
        EventLog log = InputFiles.parse("event log", file, maxSize, "a TCG event log",
                b -> EventLog.parse(b, maxSize));
        ReplayedPcrs replayed = log.replay();
        PcrComparison cmp = verified == null ? null : replayed.compareWith(verified);
        SecureBootState secureBoot = verified == null
                ? new SecureBootState.Unverified("no quote-verified PCR values given (--pcr-values)")
                : log.secureBoot(verified);
        // The events are written as they are read, never collected: a log of the largest size allowed, made of the
        // smallest events, must not need more memory for its output than for its parse (EventLogMemoryCliTest).
        PrintWriter out = spec.commandLine().getOut();
        boolean json = root.json;
        if (json) {
            out.print("{\"events\":[");
        }
        boolean first = true;
        for (TcgEvent e : log.events()) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", e.number());
                m.put("pcr", e.pcrIndex());
                m.put("type", e.typeName());
                Map<String, Object> digests = new LinkedHashMap<>();
                e.digests().forEach((alg, d) -> digests.put(HashBank.name(alg), d.toHex()));
                m.put("digests", digests);
                m.put("dataSize", e.data().size());
                m.put("content", describe(e.content()));
                m.put("dataForged", e.dataForged());
                out.print(first ? "" : ",");
                out.print(Json.write(m));
            } else {
                out.printf("%4d PCR%-2d %-34s %s%s%n", e.number(), e.pcrIndex(), e.typeName(),
                        e.dataForged() ? FORGED : "", describe(e.content()));
            }
            first = false;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        doc.put("pcrs", PcrValuesJson.banks(replayed.extended()));
        doc.put("secureBoot", secureBoot.getClass().getSimpleName());
        doc.put("secureBootReason", secureBoot instanceof SecureBootState.Unverified u ? u.why()
                : secureBoot instanceof SecureBootState.Refused r ? r.why() : null);
        Map<String, Object> mismatch = null;
        if (cmp instanceof PcrComparison.Differs d) {
            mismatch = new LinkedHashMap<>();
            mismatch.put("bank", HashBank.name(d.hashAlg()));
            mismatch.put("pcr", d.pcr());
            mismatch.put("expected", d.expected().toHex());
            mismatch.put("replayed", d.replayed().toHex());
        }
        doc.put("mismatch", mismatch);
        Map<String, Object> unlogged = null;
        if (cmp instanceof PcrComparison.Unlogged u) {
            unlogged = new LinkedHashMap<>();
            unlogged.put("bank", HashBank.name(u.hashAlg()));
            unlogged.put("pcr", u.pcr());
            unlogged.put("reported", u.reported().toHex());
            unlogged.put("initial", u.initial().toHex());
        }
        doc.put("unlogged", unlogged);
        if (cmp instanceof PcrComparison.NotChecked n) {
            doc.put("notCompared", n.why());
        }
        text.append(PcrsCommand.text(replayed.extended()));
        text.append("\nSecure Boot: ").append(secureBoot);
        if (cmp != null) {
            text.append('\n').append(cmp instanceof PcrComparison.Matches ? "replay matches the PCR values"
                    : cmp.toString());
        }
        if (json) {
            String rest = Json.write(doc); // {"pcrs":…}: its members follow the events
            out.println(rest.length() > 2 ? "]," + rest.substring(1) : "]}");
        } else {
            out.println(text);
        }
        out.flush();
        return cmp instanceof PcrComparison.Differs || cmp instanceof PcrComparison.NotChecked ? Tpm2jCli.FINDING
                : Tpm2jCli.OK;
    }

    /** The --pcr-values file: JSON or a tpm2-tools serialized/marshaled file; malformed is a usage error. */
    /** A one-line description of an event's content. */
    static String describe(EventContent c) {
        if (c instanceof EventContent.SpecId s) {
            return s.specId().toString();
        }
        if (c instanceof EventContent.StartupLocality l) {
            return "StartupLocality " + l.locality();
        }
        if (c instanceof EventContent.NoAction n) {
            return "no action: " + n.signature();
        }
        if (c instanceof EventContent.EfiVariable v) {
            return v.name() + " (" + v.vendorGuid() + ", " + v.value().size() + " bytes)"
                    + (v.isSecureBoot() ? " = " + (v.value().size() > 0 ? v.value().get(0) : "empty") : "");
        }
        if (c instanceof EventContent.ImageLoad i) {
            return i.devicePathSummary();
        }
        if (c instanceof EventContent.Separator s) {
            return "separator " + s.value().toHex();
        }
        if (c instanceof EventContent.Action a) {
            return a.text();
        }
        if (c instanceof EventContent.Ipl i) {
            return i.text().length() > 120 ? i.text().substring(0, 120) + "..." : i.text();
        }
        if (c instanceof EventContent.Undecodable u) {
            return "undecodable: " + u.why();
        }
        return ((EventContent.Raw) c).data().size() + " bytes";
    }
}
