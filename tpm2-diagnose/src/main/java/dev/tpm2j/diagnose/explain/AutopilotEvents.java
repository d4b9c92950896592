package dev.tpm2j.diagnose.explain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reads the Autopilot event channel ({@value #AUTOPILOT_CHANNEL}) and the device registration channel
 * ({@value #DEVICE_REGISTRATION_CHANNEL}) through {@code wevtutil qe … /f:xml} on Windows, and explains the TPM
 * attestation events in them (302, 156, 204, and the codes in their messages). Elsewhere it returns
 * {@link Result.NotOnWindows}. The output of wevtutil is untrusted text and is parsed like an exported file.
 */
public final class AutopilotEvents {
    private AutopilotEvents() {
    }

    /** The Autopilot diagnostics channel. */
    public static final String AUTOPILOT_CHANNEL = "Microsoft-Windows-ModernDeployment-Diagnostics-Provider/Autopilot";
    /** The channel of event 204 (MsaTicketTpmValidationFailed). */
    public static final String DEVICE_REGISTRATION_CHANNEL = "Microsoft-Windows-User Device Registration/Admin";
    /** The newest this many events of each channel are read. */
    static final int MAX_EVENTS = 500;
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    static final long TIMEOUT_SECONDS = 60;

    /** What reading the channels gave. */
    public sealed interface Result permits Result.NotOnWindows, Result.Read, Result.Failed {

        /** Not Windows: there is no event channel to read. */
        record NotOnWindows(String os) implements Result {
        }

        /**
         * The channels were read.
         *
         * @param events   how many events were read
         * @param findings the explained events and codes (empty when no attestation failure was logged)
         */
        record Read(int events, List<LogFinding> findings) implements Result {
            /** Copies the list. */
            public Read {
                findings = List.copyOf(findings);
            }

            /** True when any finding names a cause in the TPM. */
            public boolean tpmCauseLogged() {
                return findings.stream().anyMatch(f -> f instanceof LogFinding.Explained e
                        && e.explanation().causes().stream().anyMatch(Cause::inTpm));
            }

            /**
             * One line for a readiness report: how many events were read and which attestation failures they log,
             * e.g. {@code "3 events read; logged: event 156, event 302, 0x801c0003"}.
             */
            public String detail() {
                java.util.LinkedHashSet<String> logged = new java.util.LinkedHashSet<>();
                for (LogFinding f : findings) {
                    if (f instanceof LogFinding.Explained e) {
                        Explanation.Recognised r = e.explanation();
                        logged.add(r.code().isPresent() ? String.format("0x%08x", r.code().getAsInt())
                                : r.kind() == Explanation.Kind.EVENT ? r.input() : r.name().orElse(r.input()));
                    }
                }
                return events + " events read; " + (logged.isEmpty() ? "no TPM attestation failure logged"
                        : "logged: " + String.join(", ", logged));
            }

            /** The distinct tpm2j checks of the TPM causes the events name, in order: what to run next. */
            public List<String> checks() {
                return findings.stream().filter(f -> f instanceof LogFinding.Explained)
                        .flatMap(f -> ((LogFinding.Explained) f).explanation().causes().stream())
                        .filter(Cause::inTpm).map(c -> c.check().command().orElse(null))
                        .filter(java.util.Objects::nonNull).distinct().toList();
            }
        }

        /** wevtutil could not be run or failed; {@code why} says how. */
        record Failed(String why) implements Result {
        }
    }

    /** Reads both channels on Windows; {@link Result.NotOnWindows} elsewhere. Never throws. */
    public static Result read() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new Result.NotOnWindows(os);
        }
        List<EventRecord> all = new ArrayList<>();
        List<LogFinding> findings = new ArrayList<>();
        for (String channel : List.of(AUTOPILOT_CHANNEL, DEVICE_REGISTRATION_CHANNEL)) {
            byte[] xml;
            try {
                xml = wevtutil(channel);
            } catch (IOException e) {
                return new Result.Failed("wevtutil qe " + channel + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result.Failed("interrupted while reading " + channel);
            }
            List<EventRecord> records = EventRecord.parseXml(LogText.decode(xml));
            all.addAll(records);
            findings.addAll(explain(channel, records));
        }
        return new Result.Read(all.size(), findings);
    }

    /** Explains the events of a wevtutil XML export (what {@link #read()} does with wevtutil's output). */
    public static Result.Read fromXml(String source, byte[] xml) {
        List<EventRecord> records = EventRecord.parseXml(LogText.decode(xml));
        return new Result.Read(records.size(), explain(source, records));
    }

    private static List<LogFinding> explain(String source, List<EventRecord> records) {
        List<LogFinding> out = new ArrayList<>();
        for (EventRecord e : records) {
            if (out.size() >= LogFolder.MAX_FINDINGS_PER_FILE) {
                break;
            }
            LogFolder.explainEvent(source, e, out);
        }
        return out;
    }

    private static byte[] wevtutil(String channel) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wevtutil", "qe", channel, "/f:xml", "/rd:true", "/c:" + MAX_EVENTS)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readNBytes(MAX_OUTPUT_BYTES);
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            String text = LogText.decode(out).strip();
            // an absent channel (no Autopilot ever ran) is not a failure: there is nothing logged
            if (text.contains("15007") || text.toLowerCase(Locale.ROOT).contains("not found")) {
                return new byte[0];
            }
            throw new IOException("exited " + p.exitValue() + ": " + LogFolder.excerpt(text));
        }
        return out;
    }
}
