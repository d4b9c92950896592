package dev.tpm2j.core.commands;

/**
 * A command that declares its static shape once, as a {@link CommandShape} constant next to its code, instead of
 * overriding {@code commandCode()}, {@code authHandleCount()}, {@code responseHandleCount()} and the two TPM2B
 * questions one by one. Converting a command is mechanical: implement {@code ShapedCommand<R>} instead of
 * {@code TpmCommand<R>}, add {@code static final CommandShape SHAPE = CommandShape.of(TpmCc.X).withHandles(n, a)…}
 * and {@code shape()} returning it, and delete those overrides. {@code handles()}, the parameters and the response
 * parsing stay as they are.
 *
 * @param <R> the typed response
 */
public interface ShapedCommand<R> extends TpmCommand<R> {
    /** This command's shape (a constant). */
    @Override
    CommandShape shape();

    @Override
    default int commandCode() {
        return shape().commandCode();
    }

    @Override
    default int authHandleCount() {
        return shape().authHandleCount();
    }

    @Override
    default int responseHandleCount() {
        return shape().responseHandleCount();
    }

    @Override
    default boolean firstCommandParameterIsTpm2b() {
        return shape().encryptsCommand();
    }

    @Override
    default boolean firstResponseParameterIsTpm2b() {
        return shape().encryptsResponse();
    }
}
