package dev.tpm2j.diagnose.explain;

import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.Tss2Layer;
import dev.tpm2j.diagnose.explain.Check.DiagnoseCheck;
import dev.tpm2j.diagnose.explain.Explanation.Kind;
import dev.tpm2j.diagnose.explain.Explanation.NotRecognised;
import dev.tpm2j.diagnose.explain.Explanation.Recognised;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains what an admin pastes: a code (hex, bare hex, decimal or negative decimal; TPM, tpm2-tss, Windows TPM_E /
 * TPM_20_E / TBS / TPMAPI, or a Windows HRESULT seen in attestation and enrollment), a symbolic name
 * ({@code CERT_E_EXPIRED}, {@code TPM_E_NOTFIPS}), an event id ({@code event 302}), or whole pasted text: log lines,
 * {@code tpmtool getdeviceinformation} and {@code dsregcmd /status} output, CertReq_enrollaik_output.txt blocks, event
 * XML / CSV rows, localized event text. The causes are ranked by everything the paste holds ({@link Ranker}). The
 * input is untrusted: it is bounded to {@link #MAX_INPUT} characters and matched with linear patterns.
 */
public final class Explainer {
    private Explainer() {
    }

    /** Inputs longer than this are cut before matching. */
    public static final int MAX_INPUT = 16 * 1024;

    private static final Pattern EVENT = Pattern.compile("(?i)event(?:\\s*id)?\\s*[:#=]?\\s*(\\d{1,5})");
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern HEX = Pattern.compile("(?i)^0x([0-9a-f]{1,8})$");
    private static final Pattern BARE_HEX8 = Pattern.compile("(?i)^[0-9a-f]{8}$");
    private static final Pattern DECIMAL = Pattern.compile("^-?\\d{1,10}$");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{2,80}$");

    /** A symptom found: how it is ranked, and what the explanation says when it is the main one. */
    private record Found(Ranker.Listed listed, Kind kind, OptionalInt code, Optional<String> name, String summary) {
    }

    /** Explains one input. Never throws for any string (null is treated as empty). */
    public static Explanation explain(String input) {
        String given = input == null ? "" : input;
        String s = given.length() > MAX_INPUT ? given.substring(0, MAX_INPUT) : given;
        s = s.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            return new NotRecognised(given, "nothing to explain");
        }
        Matcher event = EVENT.matcher(s);
        boolean bareEvent = SHORT_NUMBER.matcher(s).matches() && Knowledge.isKnownEvent(Integer.parseInt(s));
        if (event.matches() || bareEvent) {
            int id = Integer.parseInt(bareEvent ? s : event.group(1));
            Found f = event(id, s.toLowerCase(Locale.ROOT));
            return f == null ? new NotRecognised(given, "event " + id + " alone is not one tpm2j explains; paste "
                    + "the event with its source and text") : recognised(given, Kind.EVENT, List.of(f), "");
        }
        Integer code = parseCode(s);
        if (code != null) {
            return explainCode(given, code);
        }
        String symbol = s.startsWith("-") ? s.substring(1) : s; // TpmHliInfo flags start with '-'
        if (SYMBOL.matcher(symbol).matches()) {
            Explanation byName = byName(given, symbol);
            if (byName != null) {
                return byName;
            }
        }
        return paste(given, s);
    }

    /** Explains a 32-bit code; {@link NotRecognised} for an HRESULT tpm2j knows nothing about. */
    public static Explanation explainCode(int code) {
        return explainCode(String.format("0x%08x", code), code);
    }

    static Explanation explainCode(String given, int code) {
        Found f = code(code);
        if (f == null) {
            return new NotRecognised(given, String.format("0x%08x is neither a TPM, tpm2-tss or Windows TPM code nor "
                    + "a Windows code tpm2j knows from attestation and enrollment", code));
        }
        return recognised(given, f.kind(), List.of(f), "");
    }

    static Integer parseCode(String s) {
        try {
            Matcher hex = HEX.matcher(s);
            if (hex.matches()) {
                return (int) Long.parseLong(hex.group(1), 16);
            }
            if (BARE_HEX8.matcher(s).matches()) {
                return (int) Long.parseLong(s, 16);
            }
            if (DECIMAL.matcher(s).matches()) {
                long v = Long.parseLong(s);
                if (v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL) {
                    return (int) v;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Explanation byName(String given, String name) {
        List<Paste.Finding> only = Paste.parse(name).findings();
        if (only.size() == 1 && only.get(0).what() == Paste.What.CODE) {
            return explainCode(given, only.get(0).value());
        }
        Explanation pasted = paste(given, name);
        if (pasted instanceof Recognised) {
            return pasted;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("TPM_RC_")) {
            for (int c : TpmRc.namedCodes()) {
                if (ResponseCode.decode(c).name().equals(upper)) {
                    return explainCode(given, c);
                }
            }
        }
        return null;
    }

    /** Everything in a paste: codes, event ids and known messages, ranked together. */
    private static Explanation paste(String given, String s) {
        Paste p = Paste.parse(s);
        List<Found> found = new ArrayList<>();
        for (Paste.Finding f : p.findings()) {
            Found x = switch (f.what()) {
                case CODE -> code(f.value());
                case EVENT -> event(f.value(), p.lower());
                case PHRASE -> new Found(new Ranker.Listed(12, "the message \""
                        + f.phrase().key().replace("&&", " … ") + "\"", f.phrase().causes()), Kind.LOG_LINE,
                        OptionalInt.empty(), Optional.ofNullable(f.phrase().name()), f.phrase().summary());
            };
            if (x != null) {
                found.add(x);
            }
        }
        if (found.isEmpty()) {
            return new NotRecognised(given, "no code, event id, TpmHliInfo flag or known message found");
        }
        return recognised(given, Kind.LOG_LINE, found, p.lower());
    }

    private static Recognised recognised(String given, Kind kind, List<Found> found, String lower) {
        Found main = found.get(0);
        for (Found f : found) {
            main = f.listed().weight() > main.listed().weight() ? f : main;
        }
        StringBuilder summary = new StringBuilder(main.summary());
        List<String> also = new ArrayList<>();
        for (Found f : found) {
            if (f != main && also.size() < 6) {
                also.add(f.listed().label());
            }
        }
        if (!also.isEmpty()) {
            summary.append(". Also in the paste: ").append(String.join(", ", also));
        }
        List<Ranker.Listed> listed = found.stream().map(Found::listed).toList();
        return new Recognised(given, kind, main.code(), main.name(), summary.toString(), Ranker.rank(listed, lower));
    }

    private static Found event(int id, String lower) {
        Knowledge.Symptom s = Knowledge.event(id, lower);
        return s == null ? null : new Found(new Ranker.Listed(9, "event " + id, s.causes()), Kind.EVENT,
                OptionalInt.empty(), Optional.empty(), s.summary());
    }

    /** A code: what the knowledge base says of it, else what its decoding says (null for a foreign code). */
    private static Found code(int code) {
        ResponseCode rc = ResponseCode.decode(code);
        String hex = String.format("0x%08X", code);
        Knowledge.Symptom known = Knowledge.code(code);
        if (known != null) {
            Kind kind = rc.origin() == ResponseCode.Origin.NOT_A_TPM_CODE ? Kind.HRESULT : kindOf(rc.origin());
            String label = hex + (known.name() != null ? " (" + known.name() + ")" : "");
            return new Found(new Ranker.Listed(10, label, known.causes()), kind, OptionalInt.of(code),
                    Optional.ofNullable(known.name()), known.summary());
        }
        String blame = rc.blame();
        String what = rc.name() + (blame.isEmpty() ? "" : " " + blame) + ": " + rc.description();
        Optional<String> windowsName = Optional.ofNullable(rc.windowsName());
        String label = hex + windowsName.map(n -> " (" + n + ")").orElse("");
        return switch (rc.origin()) {
            case NOT_A_TPM_CODE -> null;
            case TPM -> decoded(rc, Kind.TPM_RESPONSE_CODE, Optional.of(rc.name()), label + " " + rc.name(),
                    "the TPM answered " + what, TpmCauses.of(rc));
            case WINDOWS_TPM_20_E -> decoded(rc, Kind.WINDOWS_TPM_20_E, windowsName, label, "Windows TPM_20_E"
                    + windowsName.map(n -> " " + n).orElse("") + ": the TPM answered " + what, TpmCauses.of(rc));
            case TSS2_LAYER -> decoded(rc, Kind.TSS2_LAYERED, Optional.of(rc.name()), label + " " + rc.name(),
                    "tpm2-tss " + rc.layerLabel() + " layer: " + what, rc.carriesTpmCode() ? TpmCauses.of(rc)
                            : tssCauses(rc));
            case WINDOWS_TPM_E -> decoded(rc, Kind.WINDOWS_TPM_E, windowsName, label, "Windows TPM 1.2-family code "
                    + windowsName.orElse(hex) + ": " + rc.description(), TpmCauses.windows(rc));
            case WINDOWS_TBS -> decoded(rc, Kind.WINDOWS_TBS, windowsName, label, "Windows TPM Base Services "
                    + windowsName.orElse(hex) + ": " + rc.description(), TpmCauses.windows(rc));
            case WINDOWS_TPMAPI -> decoded(rc, Kind.WINDOWS_TPMAPI, windowsName, label, "Windows TPM API "
                    + windowsName.orElse(hex) + ": " + rc.description(), TpmCauses.windows(rc));
        };
    }

    private static Found decoded(ResponseCode rc, Kind kind, Optional<String> name, String label, String summary,
                                 List<Cause> causes) {
        return new Found(new Ranker.Listed(8, label, causes), kind, OptionalInt.of(rc.code()), name, summary);
    }

    private static Kind kindOf(ResponseCode.Origin o) {
        return switch (o) {
            case TPM -> Kind.TPM_RESPONSE_CODE;
            case TSS2_LAYER -> Kind.TSS2_LAYERED;
            case WINDOWS_TPM_20_E -> Kind.WINDOWS_TPM_20_E;
            case WINDOWS_TPM_E -> Kind.WINDOWS_TPM_E;
            case WINDOWS_TBS -> Kind.WINDOWS_TBS;
            case WINDOWS_TPMAPI -> Kind.WINDOWS_TPMAPI;
            case NOT_A_TPM_CODE -> Kind.HRESULT;
        };
    }

    private static List<Cause> tssCauses(ResponseCode rc) {
        List<Cause> causes = new ArrayList<>();
        Tss2Layer layer = rc.layer();
        if (layer == Tss2Layer.TCTI || rc.name().endsWith("NO_CONNECTION") || rc.name().endsWith("IO_ERROR")) {
            causes.add(Cause.tpm("tpm-unreachable", "the TPM (or the simulator / resource manager in front of it) is "
                    + "not reachable through this TCTI", new Check.Diagnose(DiagnoseCheck.TPM20)));
        }
        causes.add(Cause.elsewhere("tss-layer", "the tpm2-tss " + (layer != null ? layer.label() : "")
                + " layer itself failed: " + rc.description(), new Check.Rc(rc.code())));
        return causes;
    }
}
