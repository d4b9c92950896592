package dev.tpm2j.attest.eventlog;

/** Which of the two PC Client log layouts a log uses. */
public sealed interface LogFormat {
    /** A crypto-agile log: a "Spec ID Event03" header, then TCG_PCR_EVENT2 records with a digest per bank. */
    record CryptoAgile(SpecIdEvent specId) implements LogFormat {
    }

    /** A SHA-1 log (TPM 1.2 layout, still written by some firmware for TPM 2.0): TCG_PCR_EVENT records only. */
    record Sha1Only() implements LogFormat {
    }
}
