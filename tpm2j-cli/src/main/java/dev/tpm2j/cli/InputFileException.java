package dev.tpm2j.cli;

/**
 * A file named on the command line that cannot be used: missing, unreadable, or not in the format its option takes.
 * The message names the option (or parameter) and the file, then the problem; the CLI exits with
 * {@link Tpm2jCli#TPM_ERROR} (3, "TPM or I/O error") for it, as for any I/O error.
 */
final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code option} (e.g. {@code --ak-public}, or {@code FILE} for a parameter) given {@code file}, refused. */
    InputFileException(String option, java.nio.file.Path file, String problem, Throwable cause) {
        super(option + " " + file + ": " + problem, cause);
    }
}
