package dev.tpm2j.ek.explain;

import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.Tss2Layer;
import dev.tpm2j.ek.explain.Check.DiagnoseCheck;
import dev.tpm2j.ek.explain.Explanation.Kind;
import dev.tpm2j.ek.explain.Explanation.NotRecognised;
import dev.tpm2j.ek.explain.Explanation.Recognised;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains one input: a code (hex or decimal, TPM, tpm2-tss, TBS / TPM_20_E, TPMAPI, or a Windows HRESULT seen in
 * attestation), a symbolic name ({@code CERT_E_EXPIRED}), an event id ({@code event 302}, {@code 302}), or a pasted
 * log line. The input is untrusted: it is bounded to {@link #MAX_INPUT} characters and matched with linear patterns.
 */
public final class Explainer {
    private Explainer() {
    }

    /** Inputs longer than this are cut before matching (a log line is far shorter). */
    public static final int MAX_INPUT = 16 * 1024;

    private static final Pattern EVENT = Pattern.compile("(?i)event(?:\\s*id)?\\s*[:#=]?\\s*(\\d{1,5})");
    private static final Pattern XML_EVENT_ID = Pattern.compile("(?i)<EventID[^<>]{0,200}>\\s*(\\d{1,5})\\s*<");
    private static final Pattern SHORT_NUMBER = Pattern.compile("\\d{1,5}");
    private static final Pattern HEX = Pattern.compile("(?i)^0x([0-9a-f]{1,8})$");
    private static final Pattern BARE_HEX8 = Pattern.compile("(?i)^[0-9a-f]{8}$");
    private static final Pattern DECIMAL = Pattern.compile("^-?\\d{1,10}$");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{2,80}$");
    private static final Pattern CODE_IN_LINE = Pattern.compile("(?i)(?<![0-9a-z])0x([0-9a-f]{8})(?![0-9a-z])");
    private static final Pattern BARE_CODE_IN_LINE = Pattern.compile("(?i)(?<![0-9a-z])(8[0-9a-f]{7})(?![0-9a-z])");
    /** Words of letters, digits and underscores: names such as CERT_E_EXPIRED are looked up word by word. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]{3,100}");

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
        if (event.matches()) {
            int id = Integer.parseInt(event.group(1));
            return KnownSymptoms.isKnownEvent(id) ? event(given, id)
                    : new NotRecognised(given, "event " + id + " is not one tpm2j explains (302, 156, 204)");
        }
        if (SHORT_NUMBER.matcher(s).matches() && KnownSymptoms.isKnownEvent(Integer.parseInt(s))) {
            return event(given, Integer.parseInt(s));
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
        return logLine(given, s);
    }

    /** Explains a 32-bit code; {@link NotRecognised} for an HRESULT tpm2j knows nothing about. */
    public static Explanation explainCode(int code) {
        return explainCode(String.format("0x%08x", code), code);
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
        if (name.equalsIgnoreCase("NoValidEkCert")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.NO_VALID_EK_CERT);
        }
        if (name.equalsIgnoreCase("MsaTicketTpmValidationFailed")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.MSA_TICKET_TPM_VALIDATION_FAILED);
        }
        Integer known = KnownSymptoms.codeOfName(name);
        if (known != null) {
            return explainCode(given, known);
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

    private static Explanation event(String given, int id) {
        KnownSymptoms.Symptom s = KnownSymptoms.event(id);
        return new Recognised(given, Kind.EVENT, OptionalInt.empty(), Optional.empty(), s.summary(), s.causes());
    }

    private static Recognised symptom(String given, Kind kind, OptionalInt code, KnownSymptoms.Symptom s) {
        return new Recognised(given, kind, code, Optional.ofNullable(s.name()), s.summary(), s.causes());
    }

    private static Explanation logLine(String given, String s) {
        if (s.contains("NoValidEkCert")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.NO_VALID_EK_CERT);
        }
        if (s.contains("MsaTicketTpmValidationFailed")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.MSA_TICKET_TPM_VALIDATION_FAILED);
        }
        if (s.contains("unattested key")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.UNATTESTED_KEY);
        }
        if (s.contains("does not exist") && s.toLowerCase(Locale.ROOT).contains("authority")) {
            return symptom(given, Kind.LOG_LINE, OptionalInt.empty(), KnownSymptoms.AUTHORITY_DOES_NOT_EXIST);
        }
        List<Integer> codes = new ArrayList<>();
        for (Pattern p : List.of(CODE_IN_LINE, BARE_CODE_IN_LINE)) {
            Matcher m = p.matcher(s);
            while (m.find() && codes.size() < 16) {
                codes.add((int) Long.parseLong(m.group(1), 16));
            }
        }
        Matcher words = WORD.matcher(s);
        while (words.find() && codes.size() < 32) {
            String w = words.group();
            Integer c = w.indexOf('_') > 0 ? KnownSymptoms.codeOfName(w) : null;
            if (c != null) {
                codes.add(c);
            }
        }
        for (int c : codes) {
            if (KnownSymptoms.code(c) != null) {
                return ((Recognised) explainCode(given, c)).withInput(given, Kind.LOG_LINE);
            }
        }
        for (int c : codes) {
            if (explainCode(given, c) instanceof Recognised r) {
                return r.withInput(given, Kind.LOG_LINE);
            }
        }
        for (Pattern p : List.of(XML_EVENT_ID, EVENT)) {
            Matcher m = p.matcher(s);
            if (m.find()) {
                int id = Integer.parseInt(m.group(1));
                if (KnownSymptoms.isKnownEvent(id)) {
                    return ((Recognised) event(given, id)).withInput(given, Kind.LOG_LINE);
                }
            }
        }
        return new NotRecognised(given, "no code, event id, TpmHliInfo flag or known message found");
    }

    static Explanation explainCode(String given, int code) {
        KnownSymptoms.Symptom known = KnownSymptoms.code(code);
        if (known != null) {
            return symptom(given, Kind.HRESULT, OptionalInt.of(code), known);
        }
        ResponseCode rc = ResponseCode.decode(code);
        String blame = rc.blame();
        String summary = rc.name() + (blame.isEmpty() ? "" : " " + blame) + ": " + rc.description();
        return switch (rc.origin()) {
            case NOT_A_TPM_CODE -> new NotRecognised(given, String.format("0x%08x is neither a TPM, tpm2-tss or "
                    + "Windows TPM code nor a Windows code tpm2j knows from attestation", code));
            case TPM -> recognised(given, Kind.TPM_RESPONSE_CODE, rc, "the TPM answered " + summary,
                    TpmCauses.of(rc));
            case WINDOWS_TPM_20_E -> recognised(given, Kind.WINDOWS_TPM_20_E, rc, "Windows TPM_20_E: the TPM "
                    + "answered " + summary, TpmCauses.of(rc));
            case TSS2_LAYER -> recognised(given, Kind.TSS2_LAYERED, rc, "tpm2-tss " + rc.layerLabel() + " layer: "
                    + summary, rc.carriesTpmCode() ? TpmCauses.of(rc) : tssCauses(rc));
            case WINDOWS_TBS -> recognised(given, Kind.WINDOWS_TBS, rc, "Windows TPM Base Services: " + summary,
                    TpmCauses.windows(rc));
            case WINDOWS_TPMAPI -> recognised(given, Kind.WINDOWS_TPMAPI, rc, "Windows TPM API: " + summary,
                    TpmCauses.windows(rc));
        };
    }

    private static Recognised recognised(String given, Kind kind, ResponseCode rc, String summary, List<Cause> causes) {
        return new Recognised(given, kind, OptionalInt.of(rc.code()), Optional.of(rc.name()), summary, causes);
    }

    private static List<Cause> tssCauses(ResponseCode rc) {
        List<Cause> causes = new ArrayList<>();
        Tss2Layer layer = rc.layer();
        if (layer == Tss2Layer.TCTI || rc.name().endsWith("NO_CONNECTION") || rc.name().endsWith("IO_ERROR")) {
            causes.add(Cause.tpm("the TPM (or the simulator / resource manager in front of it) is not reachable "
                    + "through this TCTI", new Check.Diagnose(DiagnoseCheck.TPM20)));
        }
        causes.add(Cause.elsewhere("the tpm2-tss " + (layer != null ? layer.label() : "") + " layer itself failed: "
                + rc.description(), new Check.Rc(rc.code())));
        return causes;
    }
}
