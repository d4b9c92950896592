package dev.tpm2j.core.commands;

/**
 * The static shape of a TPM command, declared once next to its code: the command code, how many handles it sends
 * and how many of the leading ones need authorization, how many handles the response carries, and whether the first
 * command / response parameter is a TPM2B (so a session may encrypt it). Build with {@link #of(int)} and the
 * {@code with…} steps; every {@link TpmCommand} returns its constant from {@code shape()}.
 *
 * @param commandCode        TPM_CC
 * @param handleCount        handles in the command's handle area
 * @param authHandleCount    leading handles that need an authorization session
 * @param responseHandleCount handles in the response's handle area (0 or 1)
 * @param encryptsCommand    the first command parameter is a TPM2B
 * @param encryptsResponse   the first response parameter is a TPM2B
 */
public record CommandShape(int commandCode, int handleCount, int authHandleCount, int responseHandleCount,
                           boolean encryptsCommand, boolean encryptsResponse) {
    /** Checks the counts. */
    public CommandShape {
        if (handleCount < 0 || handleCount > 3 || authHandleCount < 0 || authHandleCount > handleCount
                || responseHandleCount < 0 || responseHandleCount > 1) {
            throw new IllegalArgumentException("impossible command shape");
        }
    }

    /** A command with no handles and no TPM2B parameters. */
    public static CommandShape of(int commandCode) {
        return new CommandShape(commandCode, 0, 0, 0, false, false);
    }

    /** With {@code count} handles, the first {@code authorized} of them authorized. */
    public CommandShape withHandles(int count, int authorized) {
        return new CommandShape(commandCode, count, authorized, responseHandleCount, encryptsCommand,
                encryptsResponse);
    }

    /** With one handle in the response. */
    public CommandShape withResponseHandle() {
        return new CommandShape(commandCode, handleCount, authHandleCount, 1, encryptsCommand, encryptsResponse);
    }

    /** The first command parameter is a TPM2B. */
    public CommandShape withTpm2bCommandParameter() {
        return new CommandShape(commandCode, handleCount, authHandleCount, responseHandleCount, true,
                encryptsResponse);
    }

    /** The first response parameter is a TPM2B. */
    public CommandShape withTpm2bResponseParameter() {
        return new CommandShape(commandCode, handleCount, authHandleCount, responseHandleCount, encryptsCommand,
                true);
    }
}
