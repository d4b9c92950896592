package dev.tpm2j.simulator;

/** swtpm or swtpm_setup is not installed; the message says what to install. */
public final class SwtpmNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what to install. */
    public SwtpmNotFoundException(String message) {
        super(message);
    }
}
