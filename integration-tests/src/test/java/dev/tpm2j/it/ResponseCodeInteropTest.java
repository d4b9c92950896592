package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.simulator.Tpm2Tools;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * tpm2j's response-code decoder against two decoders we did not write: IBM's {@code tssreturncode} (names, and the
 * blamed handle/session/parameter) and tpm2-tools' {@code tpm2_rc_decode} (tpm2-tss layers, warning vs error,
 * blame). Covers every named format-zero code, every warning, every named format-one base with handle and session
 * 0–7 and parameter 0–15, Windows TPM_20_E codes and a sample of layered codes. The tools must be installed (CI
 * installs tpm2-tools and tss2); a missing tool fails the test.
 *
 * <p>Where a tool disagrees with the specification the spec wins, and each such case is listed in
 * {@link #SPEC_OVER_TOOL} with its reason; every other disagreement fails the test.
 */
class ResponseCodeInteropTest {

    /** The documented spec-over-tool cases: a predicate on the code and why the tool is wrong. */
    enum SpecOverTool {
        /** tpm2-tss (tpm2_rc_decode) keeps 3 bits of the parameter number; Part 2 §6.6 gives it 4 (1–15). */
        PARAMETER_MASKED_TO_THREE_BITS,
        /** tssreturncode calls 0x01E a TPM 1.2 code; Part 2 names it TPM_RC_BAD_TAG (a TPM 2.0 TPM returns it). */
        BAD_TAG_IS_A_TPM20_NAME,
        /** FW_LIMITED / SVN_LIMITED were added in Part 2 revision 1.83, after the installed tss2 release. */
        REVISION_183_CODES,
        /** tssreturncode prints TPM_RC_NV_UNAVAILABLE's sentence without its name. */
        NV_UNAVAILABLE_PRINTED_WITHOUT_NAME,
        /** tpm2-tss has no entry for TPM_RC_NOT_USED (0x97F) and prints it as a bare number. */
        NOT_USED_UNKNOWN_TO_TPM2_TSS,
        /** TSS2_BASE_RC_CALLBACK_NULL (54) came with tpm2-tss 4.0; the installed tpm2-tools' library predates it. */
        CALLBACK_NULL_NEWER_THAN_TOOL
    }

    private final Map<SpecOverTool, Integer> documented = new HashMap<>();
    private final List<String> disagreements = new ArrayList<>();

    private static String tool(String tool, String arg) {
        return Tpm2Tools.run(null, tool, arg).strip();
    }

    private void disagree(int code, String what) {
        disagreements.add(String.format("0x%08x: %s", code, what));
    }

    private void documented(SpecOverTool why) {
        documented.merge(why, 1, Integer::sum);
    }

    static Set<Integer> plainTpmCodes() {
        Set<Integer> codes = new LinkedHashSet<>();
        for (int c : TpmRc.namedCodes()) {
            if ((c & TpmRc.RC_FMT1) == 0 && (c & 0x800) == 0) {
                codes.add(c);
            }
        }
        codes.addAll(List.of(0x500, 0x501, 0x57F));
        for (int c = 0x900; c <= 0x97F; c++) {
            codes.add(c);
        }
        codes.addAll(List.of(0xD00, 0xD01, 0xD7F));
        for (int base : TpmRc.namedCodes()) {
            if ((base & TpmRc.RC_FMT1) == 0) {
                continue;
            }
            for (int n = 0; n <= 7; n++) {
                codes.add(base | n << 8);
                codes.add(base | 0x800 | n << 8);
            }
            for (int n = 0; n <= 15; n++) {
                codes.add(base | 0x040 | n << 8);
            }
        }
        return codes;
    }

    private static final Pattern TSS_NAMED = Pattern.compile(
            "^(TPM_RC_\\w+)(?: - .*?)?(?: (Handle|Session|Parameter) number (\\d+|unspecified))?$");
    private static final Pattern TSS_UNKNOWN = Pattern.compile(
            "^response code unknown(?: (Handle|Session|Parameter) number (\\d+|unspecified))?$");

    private static Integer blamed(ResponseCode rc, String kind) {
        return switch (kind) {
            case "Handle" -> rc.handle();
            case "Session" -> rc.session();
            default -> rc.parameter();
        };
    }

    private void compareWithTssReturnCode(int code, String out) {
        ResponseCode rc = ResponseCode.decode(code);
        Matcher named = TSS_NAMED.matcher(out);
        Matcher unknown = TSS_UNKNOWN.matcher(out);
        String kind = null;
        String number = null;
        if (named.matches()) {
            if (!named.group(1).equals(rc.name())) {
                disagree(code, "tssreturncode names " + named.group(1) + ", tpm2j " + rc.name());
            }
            kind = named.group(2);
            number = named.group(3);
        } else if (unknown.matches()) {
            if ((rc.base() & 0xFFF) == TpmRc.FW_LIMITED || (rc.base() & 0xFFF) == TpmRc.SVN_LIMITED) {
                documented(SpecOverTool.REVISION_183_CODES);
            } else if (!rc.name().contains("+")) {
                disagree(code, "tssreturncode does not know it, tpm2j names " + rc.name());
            }
            kind = unknown.group(1);
            number = unknown.group(2);
        } else if (out.equals("TPM2 vendor defined response code")) {
            if (!rc.name().startsWith("TPM_RC_VENDOR+")) {
                disagree(code, "tssreturncode says vendor-defined, tpm2j " + rc.name());
            }
        } else if (out.equals("TPM 1.2 response code")) {
            if (code == TpmRc.BAD_TAG) {
                documented(SpecOverTool.BAD_TAG_IS_A_TPM20_NAME);
            } else if (!rc.name().startsWith("TPM_1.2_RC_")) {
                disagree(code, "tssreturncode says TPM 1.2, tpm2j " + rc.name());
            }
        } else if (code == TpmRc.NV_UNAVAILABLE && !out.startsWith("TPM_RC_")) {
            documented(SpecOverTool.NV_UNAVAILABLE_PRINTED_WITHOUT_NAME);
        } else {
            disagree(code, "unexpected tssreturncode output: " + out);
        }
        if (kind != null) {
            Integer ours = blamed(rc, kind);
            Integer theirs = number.equals("unspecified") ? null : Integer.valueOf(number);
            if (!java.util.Objects.equals(ours, theirs)) {
                disagree(code, "tssreturncode blames " + kind + " " + number + ", tpm2j " + rc.blame());
            }
        }
    }

    private static final Pattern RC_DECODE = Pattern.compile("^([^:]+):(.*)$", Pattern.DOTALL);
    private static final Pattern RC_BLAME = Pattern.compile("^(handle|session|parameter)\\((\\d+|unk)\\):.*",
            Pattern.DOTALL);

    private void compareWithRcDecode(int code, String out) {
        ResponseCode rc = ResponseCode.decode(code);
        Matcher m = RC_DECODE.matcher(out);
        if (!m.matches()) {
            disagree(code, "unexpected tpm2_rc_decode output: " + out);
            return;
        }
        String layer = m.group(1);
        String rest = m.group(2);
        if (!layer.equals(rc.layerLabel())) {
            disagree(code, "tpm2_rc_decode says layer " + layer + ", tpm2j " + rc.layerLabel());
            return;
        }
        if (rc.carriesTpmCode()) {
            compareTpmPart(code, rc, rest);
        } else if (rc.layer() != null && rc.layer().carriesBaseError()) {
            boolean toolNames = !rest.matches("0x[0-9A-F]+");
            boolean weName = rc.name().startsWith("TSS2_BASE_RC_") || rc.name().equals("TSS2_RC_SUCCESS");
            if (weName && !toolNames && rc.name().equals("TSS2_BASE_RC_CALLBACK_NULL")) {
                documented(SpecOverTool.CALLBACK_NULL_NEWER_THAN_TOOL);
            } else if (toolNames != weName) {
                disagree(code, "tpm2_rc_decode " + (toolNames ? "names" : "does not name") + " it (" + rest
                        + "), tpm2j says " + rc.name());
            }
        } else if (!rc.name().contains("+")) {
            disagree(code, "a layer without decoder, but tpm2j names it " + rc.name());
        }
    }

    private void compareTpmPart(int code, ResponseCode rc, String rest) {
        Matcher blame = RC_BLAME.matcher(rest);
        if (rest.equals("success")) {
            if (!rc.isSuccess()) {
                disagree(code, "tpm2_rc_decode says success, tpm2j " + rc);
            }
        } else if (blame.matches()) {
            String kind = blame.group(1);
            Integer theirs = blame.group(2).equals("unk") ? null : Integer.valueOf(blame.group(2));
            Integer ours = blamed(rc, Character.toUpperCase(kind.charAt(0)) + kind.substring(1));
            boolean kindMatches = rc.format() == 1 && switch (kind) {
                case "parameter" -> (rc.code() & 0x040) != 0;
                case "session" -> (rc.code() & 0x840) == 0x800;
                default -> (rc.code() & 0x840) == 0;
            };
            if (!kindMatches) {
                disagree(code, "tpm2_rc_decode blames a " + kind + ", tpm2j " + rc);
            } else if (!java.util.Objects.equals(ours, theirs)) {
                Integer masked = ours == null || (ours & 7) == 0 ? null : ours & 7;
                if (kind.equals("parameter") && ours != null && ours > 7 && java.util.Objects.equals(masked, theirs)) {
                    documented(SpecOverTool.PARAMETER_MASKED_TO_THREE_BITS);
                } else {
                    disagree(code, "tpm2_rc_decode blames " + kind + " " + theirs + ", tpm2j " + rc.blame());
                }
            }
        } else if (rest.startsWith("warn(2.0):")) {
            if (!rc.warning() || rc.format() != 0) {
                disagree(code, "tpm2_rc_decode says a 2.0 warning, tpm2j " + rc);
            }
        } else if (rest.startsWith("error(2.0):")) {
            if (rc.warning() || rc.format() != 0 || (rc.base() & TpmRc.RC_VER1) == 0) {
                disagree(code, "tpm2_rc_decode says a 2.0 error, tpm2j " + rc);
            }
        } else if (rest.startsWith("error(1.2):")) {
            if ((rc.base() & TpmRc.RC_VER1) != 0 || rc.format() != 0) {
                disagree(code, "tpm2_rc_decode says a 1.2 error, tpm2j " + rc);
            }
        } else if (rest.matches("0x[0-9A-F]+")) {
            if ((rc.base() & 0xFFF) == TpmRc.NOT_USED) {
                documented(SpecOverTool.NOT_USED_UNKNOWN_TO_TPM2_TSS);
            } else if (!rc.name().contains("+")) {
                disagree(code, "tpm2_rc_decode does not know it, tpm2j names " + rc.name());
            }
        } else {
            disagree(code, "unexpected tpm2_rc_decode output: " + rest);
        }
    }

    @Test
    void plainTpmCodesAgreeWithBothToolsExceptTheDocumentedSpecCases() {
        Set<Integer> codes = plainTpmCodes();
        assertTrue(codes.size() >= 1290, "the code set is complete: " + codes.size());
        for (int code : codes) {
            compareWithTssReturnCode(code, tool("tssreturncode", Integer.toHexString(code)));
            compareWithRcDecode(code, tool("tpm2_rc_decode", String.format("0x%x", code)));
        }
        assertEquals(List.of(), disagreements);
        // the spec-over-tool cases really occur (and only where expected): 35 bases x parameters 8-15 all masked
        assertEquals(35 * 8, documented.get(SpecOverTool.PARAMETER_MASKED_TO_THREE_BITS));
        assertEquals(1, documented.get(SpecOverTool.BAD_TAG_IS_A_TPM20_NAME));
        assertEquals(2 * (8 + 8 + 16), documented.get(SpecOverTool.REVISION_183_CODES));
        assertEquals(1, documented.get(SpecOverTool.NV_UNAVAILABLE_PRINTED_WITHOUT_NAME));
        assertEquals(1, documented.get(SpecOverTool.NOT_USED_UNKNOWN_TO_TPM2_TSS));
    }

    @Test
    void windowsTpm20CodesDecodeAsTheTpmCodeTheyCarry() {
        for (int c : new int[] {0x08E, 0x9A2, 0x1C4, 0x100, 0x14A, 0x921, 0x922, 0x18B}) {
            int windows = 0x80280000 | c;
            ResponseCode rc = ResponseCode.decode(windows);
            assertEquals(ResponseCode.Origin.WINDOWS_TPM_20_E, rc.origin());
            compareWithTssReturnCode(windows, tool("tssreturncode", Integer.toHexString(windows)));
            assertEquals(ResponseCode.decode(c).name(), rc.name());
            assertEquals(ResponseCode.decode(c).blame(), rc.blame());
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void layeredCodesAgreeWithTpm2RcDecode() {
        List<Integer> codes = new ArrayList<>();
        for (int layer = 6; layer <= 10; layer++) {
            for (int base = 0; base <= 0x36; base++) {
                codes.add(layer << 16 | base);
            }
            codes.add(layer << 16 | 0x98E);
        }
        for (int tpm : new int[] {0x98E, 0x922, 0xD00, 0x1C4, 0xCD2, 0x01E, 0x100, 0x10B, 0x0A8}) {
            codes.add(0x000B0000 | tpm);
        }
        codes.addAll(List.of(0x000C0001, 0x000C0003, 0x000D0001, 0x00010001, 0x00050001, 0x000E0001, 0x00FF0001));
        for (int code : codes) {
            compareWithRcDecode(code, tool("tpm2_rc_decode", String.format("0x%x", code)));
        }
        assertEquals(List.of(), disagreements);
        assertEquals(5, documented.get(SpecOverTool.CALLBACK_NULL_NEWER_THAN_TOOL));
        assertEquals(1, documented.get(SpecOverTool.PARAMETER_MASKED_TO_THREE_BITS), "0x000b0cd2");
        // the names themselves: tpm2_rc_decode's sentence for a base error is the same in every layer and tpm2j's
        // name for it too, and different base errors never share a sentence
        Map<String, String> sentenceToName = new HashMap<>();
        for (int base = 1; base <= 0x35; base++) {
            String sentence = tool("tpm2_rc_decode", String.format("0x%x", 0x000A0000 | base)).substring(5);
            String name = ResponseCode.decode(0x00060000 | base).name();
            assertEquals(name, ResponseCode.decode(0x00080000 | base).name());
            String earlier = sentenceToName.put(sentence, name);
            assertTrue(earlier == null, sentence + " names both " + earlier + " and " + name);
        }
        assertEquals("TSS2_BASE_RC_BAD_VALUE", ResponseCode.decode(0x000A000B).name());
        assertTrue(tool("tpm2_rc_decode", "0x000A000B").toLowerCase().contains("bad value"));
        assertEquals("TSS2_BASE_RC_NO_CONNECTION", ResponseCode.decode(0x000A0008).name());
        assertTrue(tool("tpm2_rc_decode", "0x000A0008").toLowerCase().contains("connect"));
    }
}
