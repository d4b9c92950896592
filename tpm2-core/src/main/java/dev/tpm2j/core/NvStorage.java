package dev.tpm2j.core;

import dev.tpm2j.core.commands.NvDefineSpace;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvUndefineSpace;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.NvWriteLock;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmsNvPublic;
import java.util.Arrays;

/**
 * The service for NV storage: whole-index reads and writes chunked to TPM_PT_NV_BUFFER_MAX, define, undefine and
 * write-lock. The caches these commands affect are kept right by the commands' own effects.
 */
final class NvStorage {
    private final CommandPipeline pipeline;
    private final Capabilities capabilities;

    NvStorage(CommandPipeline pipeline, Capabilities capabilities) {
        this.pipeline = pipeline;
        this.capabilities = capabilities;
    }

    /** Reads {@code size} bytes at {@code offset} in chunks, as one operation (the index's name is read once). */
    byte[] read(int nvIndex, int offset, int size, Authorization auth, AuthSession[] extra) {
        if (offset < 0 || size < 0 || offset + size > 0xFFFF + 1) {
            throw new IllegalArgumentException("offset and size must lie within 0..65535");
        }
        return pipeline.operation(() -> readChunks(nvIndex, offset, size, auth, extra));
    }

    private byte[] readChunks(int nvIndex, int offset, int size, Authorization auth, AuthSession[] extra) {
        int chunk = capabilities.nvBufferMax();
        refuseUsedUpPolicy("read", size, chunk, auth);
        byte[] out = new byte[size];
        int authHandle = auth.resolve(nvIndex);
        for (int done = 0; done < size; ) {
            int n = Math.min(chunk, size - done);
            byte[] part = run(new NvRead(authHandle, nvIndex, n, offset + done), auth, extra).data();
            if (part.length != n) {
                throw new dev.tpm2j.core.marshal.TpmFormatException("TPM2_NV_Read response", 0, "asked for " + n
                        + " bytes, got " + part.length);
            }
            System.arraycopy(part, 0, out, done, n);
            Arrays.fill(part, (byte) 0);
            done += n;
        }
        return out;
    }

    /** Writes {@code data} at {@code offset} in chunks, as one operation; refused whole before the first byte. */
    void write(int nvIndex, int offset, byte[] data, Authorization auth, AuthSession[] extra) {
        pipeline.operation(() -> {
            writeChunks(nvIndex, offset, data, auth, extra);
            return null;
        });
    }

    /**
     * A policy session is used up by each command it authorizes: without a policy to re-run, I/O of more than one
     * chunk would fail after the first (and a write would leave a partial value), so it is refused up front.
     */
    private void refuseUsedUpPolicy(String what, int size, int chunk, Authorization auth) {
        if (size > chunk && auth.session() instanceof PolicySession p && !pipeline.names().carriesPolicy(p)) {
            throw new IllegalArgumentException(String.format("cannot %s %d bytes with policy session 0x%08x: the TPM "
                    + "takes at most %d bytes per command and uses up the policy with each; start the session with "
                    + "tpm.startPolicySession(options, policy) so the policy is re-run before each chunk, or "
                    + "%s at most %d bytes per call", what, size, p.handle(), chunk, what, chunk));
        }
    }

    private void writeChunks(int nvIndex, int offset, byte[] data, Authorization auth, AuthSession[] extra) {
        int chunk = capabilities.nvBufferMax();
        refuseUsedUpPolicy("write", data.length, chunk, auth);
        int authHandle = auth.resolve(nvIndex);
        for (int done = 0; done < data.length; ) {
            int n = Math.min(chunk, data.length - done);
            byte[] part = Arrays.copyOfRange(data, done, done + n);
            try {
                run(new NvWrite(authHandle, nvIndex, part, offset + done), auth, extra);
            } finally {
                Arrays.fill(part, (byte) 0);
            }
            done += n;
        }
    }

    void define(TpmsNvPublic publicInfo, byte[] indexAuth, Authorization hierarchy) {
        run(new NvDefineSpace(hierarchy.handle(), indexAuth, publicInfo), hierarchy);
    }

    void undefine(int nvIndex, Authorization hierarchy) {
        run(new NvUndefineSpace(hierarchy.handle(), nvIndex), hierarchy);
    }

    void writeLock(int nvIndex, Authorization auth) {
        run(new NvWriteLock(auth.resolve(nvIndex), nvIndex), auth);
    }

    private <R> R run(TpmCommand<R> command, Authorization auth) {
        return run(command, auth, new AuthSession[0]);
    }

    private <R> R run(TpmCommand<R> command, Authorization auth, AuthSession[] extra) {
        AuthSession[] sessions = new AuthSession[1 + extra.length];
        sessions[0] = auth.session();
        System.arraycopy(extra, 0, sessions, 1, extra.length);
        byte[][] auths = new byte[sessions.length][];
        auths[0] = auth.authValue();
        return pipeline.execute(command, sessions, auths);
    }
}
