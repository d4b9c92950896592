package dev.tpm2j.attest;

import dev.tpm2j.core.types.TpmlPcrSelection;
import java.nio.charset.StandardCharsets;

/**
 * PCR values files, the input a verifier gets beside a quote: tpm2j's JSON document
 * ({@code {"pcrs": {"sha256": {"0": "hex", …}}}}, written by {@code tpm2j pcrs --json} and {@code tpm2j quote
 * --pcr-values}) and what tpm2-tools writes with {@code -o}: {@code tpm2_quote}'s default {@code serialized} file,
 * the {@code marshaled} one, and the bare {@code values} ({@code tpm2_pcrread}'s default), which only a selection
 * (the quote's) can split. {@link #read} tells them apart by content. Every problem is a
 * {@link PcrValuesFormatException}; a file never allocates more than its own size. Values read here are claims:
 * only a quote whose PCR digest matches them vouches for them.
 */
public final class PcrValuesFile {
    /** The largest file read (a full four-bank JSON document is about 10 KiB). */
    public static final int MAX_SIZE = 1 << 20;

    /** The formats, as {@link #detect} names them. */
    public enum Format {
        /** tpm2j's JSON document. */
        JSON("PCR values JSON"),
        /** tpm2-tools {@code -F serialized}: little-endian C structures. */
        TPM2_TOOLS_SERIALIZED("tpm2-tools PCR file (serialized)"),
        /** tpm2-tools {@code -F marshaled}: TPM-marshaled structures. */
        TPM2_TOOLS_MARSHALED("tpm2-tools PCR file (marshaled)"),
        /** tpm2-tools {@code -F values}: the digests back to back, in the order of a selection kept elsewhere. */
        VALUES("PCR values (raw digests)");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        /** How error messages name the format, e.g. "tpm2-tools PCR file (serialized)". */
        public String description() {
            return description;
        }
    }

    private PcrValuesFile() {
    }

    /**
     * The format of {@code file}: JSON when its first non-blank byte is <code>{</code>, else a tpm2-tools serialized
     * or marshaled file when its structure says so, else raw values.
     */
    public static Format detect(byte[] file) {
        int i = 0;
        while (i < file.length && (file[i] == ' ' || file[i] == '\t' || file[i] == '\r' || file[i] == '\n')) {
            i++;
        }
        if (i < file.length && file[i] == '{') {
            return Format.JSON;
        }
        if (Tpm2ToolsPcrFile.looksSerialized(file)) {
            return Format.TPM2_TOOLS_SERIALIZED;
        }
        return Tpm2ToolsPcrFile.looksMarshaled(file) ? Format.TPM2_TOOLS_MARSHALED : Format.VALUES;
    }

    /**
     * Reads a PCR values file of any of the formats (see {@link #detect}). {@code selection} splits raw values (the
     * quote's own selection); it may be null when raw values are not acceptable, and is not used for the other
     * formats, which carry their selection.
     *
     * @throws PcrValuesFormatException when the file is larger than {@link #MAX_SIZE}, malformed, or raw values
     *                                  without a selection or of the wrong length
     */
    public static PcrValues read(byte[] file, TpmlPcrSelection selection) {
        Format format = detect(file);
        if (file.length > MAX_SIZE) {
            throw new PcrValuesFormatException(format, MAX_SIZE, "the file is " + file.length
                    + " bytes, more than " + MAX_SIZE);
        }
        return switch (format) {
            case JSON -> PcrValuesJson.parse(new String(file, StandardCharsets.UTF_8));
            case TPM2_TOOLS_SERIALIZED -> Tpm2ToolsPcrFile.serialized(file);
            case TPM2_TOOLS_MARSHALED -> Tpm2ToolsPcrFile.marshaled(file);
            case VALUES -> values(file, selection);
        };
    }

    /**
     * Reads tpm2j's JSON document.
     *
     * @throws PcrValuesFormatException when it is not exactly that document, or longer than {@link #MAX_SIZE}
     */
    public static PcrValues parseJson(String text) {
        if (text.length() > MAX_SIZE) {
            throw new PcrValuesFormatException(Format.JSON, MAX_SIZE, "more than " + MAX_SIZE + " characters");
        }
        return PcrValuesJson.parse(text);
    }

    /** The JSON document for {@code values} (compact, banks in order, PCRs ascending, lower-case hex). */
    public static String toJson(PcrValues values) {
        return PcrValuesJson.write(values);
    }

    /**
     * Reads a tpm2-tools {@code -o} file written with {@code -F serialized} or {@code -F marshaled}.
     *
     * @throws PcrValuesFormatException when it is neither, or its counts, sizes and selection do not add up
     */
    public static PcrValues parseTpm2Tools(byte[] file) {
        if (file.length > MAX_SIZE) {
            throw new PcrValuesFormatException(Format.TPM2_TOOLS_MARSHALED, MAX_SIZE, "more than " + MAX_SIZE
                    + " bytes");
        }
        return Tpm2ToolsPcrFile.looksSerialized(file) ? Tpm2ToolsPcrFile.serialized(file)
                : Tpm2ToolsPcrFile.marshaled(file);
    }

    private static PcrValues values(byte[] file, TpmlPcrSelection selection) {
        if (selection == null) {
            throw new PcrValuesFormatException(Format.VALUES, 0, "neither JSON nor a tpm2-tools serialized or "
                    + "marshaled file, and raw values need the quote's selection to be split");
        }
        for (var s : selection.selections()) {
            if (dev.tpm2j.core.types.TpmAlgId.digestSize(s.hash()) <= 0) {
                throw new PcrValuesFormatException(Format.VALUES, 0, String.format("the selection's bank 0x%04x has "
                        + "no known digest size", s.hash()));
            }
        }
        try {
            return PcrValues.fromConcatenated(selection, file);
        } catch (dev.tpm2j.core.InvalidInputException e) {
            throw new PcrValuesFormatException(Format.VALUES, 0, e.getMessage());
        }
    }
}
