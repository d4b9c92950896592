package dev.tpm2j.core;

import dev.tpm2j.core.commands.CommandShape;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.CommandAuthContext;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.session.ResponseAuthContext;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one path every command takes: marshal → authorize → transmit → check → decrypt → parse → apply effects, with
 * retries for RETRY / YIELDED / TESTING / NV_RATE. The authorization area is computed as a whole: parameters are
 * encrypted first (by the one decrypt session, keyed with the entity's authValue when that session sits in an
 * authorization slot), then cpHash once, then every session's HMAC — the first authorizing session's including the
 * nonceTPM of separate decrypt and encrypt sessions (Part 1 §19.6.5). Responses are checked the same way, with the new
 * authValue when the command changed it.
 */
final class CommandPipeline {
    private static final System.Logger LOG = System.getLogger(Tpm.class.getName());

    private final TpmTransport transport;
    private final RetryPolicy retryPolicy;
    private final ReentrantLock lock = new ReentrantLock();
    private final EntityNames names;
    private volatile boolean closed;
    /** Numbers operations (see {@link #operation}); guarded by {@link #lock}. */
    private long operation;

    CommandPipeline(TpmTransport transport, RetryPolicy retryPolicy) {
        this.transport = transport;
        this.retryPolicy = retryPolicy;
        this.names = new EntityNames(this);
    }

    EntityNames names() {
        return names;
    }

    TpmTransport transport() {
        return transport;
    }

    /** Runs {@code command} with sessions in handle order; see {@link Tpm#execute(TpmCommand, AuthSession...)}. */
    <R> R execute(TpmCommand<R> command, AuthSession... sessions) {
        return execute(command, sessions, new byte[sessions.length][]);
    }

    /**
     * Runs {@code body} as one operation: under the lock, so no other thread's command interleaves, and with the
     * names of persistent objects and NV indices read during it trusted until it ends.
     */
    <T> T operation(Supplier<T> body) {
        lock.lock();
        try {
            if (lock.getHoldCount() == 1) {
                operation++;
            }
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** The current operation's number (see {@link #operation}). */
    long currentOperation() {
        return operation;
    }

    /**
     * Runs {@code command}; {@code entityAuths[i]} is the authValue of the entity session {@code i} authorizes, or
     * {@code null} when not given.
     */
    <R> R execute(TpmCommand<R> command, AuthSession[] sessions, byte[][] entityAuths) {
        CommandShape shape = command.shape();
        int cc = shape.commandCode();
        int authCount = shape.authHandleCount();
        if (sessions.length < authCount || sessions.length > 3) {
            throw new IllegalArgumentException(TpmCc.name(cc) + " needs " + authCount
                    + " authorization session(s), got " + sessions.length);
        }
        int[] handles = command.handles();
        if (handles.length != shape.handleCount()) {
            throw new IllegalStateException(TpmCc.name(cc) + " declares " + shape.handleCount() + " handles, has "
                    + handles.length);
        }
        return operation(() -> {
            if (closed) {
                throw new IllegalStateException("this Tpm is closed");
            }
            for (AuthSession s : sessions) {
                if (s instanceof KeyedSession k && !k.isEnded()) {
                    names.register(k);
                }
            }
            try {
                for (int i = 0; i < authCount; i++) {
                    if (sessions[i] instanceof PolicySession p) {
                        names.beforeUse(p); // a carried policy is re-run before each use
                    }
                }
                R result = run(command, shape, handles, active(shape, sessions), entityAuths);
                for (int i = 0; i < authCount; i++) {
                    if (sessions[i] instanceof PolicySession p) {
                        names.used(p);
                    }
                }
                return result;
            } finally {
                for (AuthSession s : sessions) {
                    if (s instanceof KeyedSession k && k.isEnded()) {
                        names.handleGone(k.handle()); // continueSession was clear: the TPM flushed it
                    }
                }
            }
        });
    }

    /**
     * The sessions to send: every authorization, then the separate sessions that have a role in this command
     * (decrypt, encrypt or audit); a separate session with none is left out, since the TPM refuses it.
     */
    private static AuthSession[] active(CommandShape shape, AuthSession[] sessions) {
        int authCount = shape.authHandleCount();
        List<AuthSession> keep = new ArrayList<>(sessions.length);
        for (int i = 0; i < sessions.length; i++) {
            AuthSession s = sessions[i];
            if (i < authCount) {
                keep.add(s);
                continue;
            }
            if (!(s instanceof KeyedSession)) {
                throw new IllegalArgumentException(TpmCc.name(shape.commandCode()) + ": a " + s + " can only "
                        + "authorize a handle; a separate session must be an HMAC or policy session that encrypts, "
                        + "decrypts or audits");
            }
            s.beginCommand(shape.encryptsCommand(), shape.encryptsResponse());
            if (s.decryptsCommand() || s.encryptsResponse() || s.audits()) {
                keep.add(s);
            }
        }
        return keep.toArray(new AuthSession[0]);
    }

    private <R> R run(TpmCommand<R> command, CommandShape shape, int[] handles, AuthSession[] sessions,
                      byte[][] entityAuths) {
        int cc = shape.commandCode();
        TpmWriter pw = new TpmWriter();
        command.marshalParameters(pw);
        byte[] parameters = pw.toByteArray();
        pw.wipe();
        try {
            boolean needNames = false;
            for (int i = 0; i < sessions.length; i++) {
                sessions[i].beginCommand(shape.encryptsCommand(), shape.encryptsResponse());
                needNames |= sessions[i].needsNames(i < shape.authHandleCount());
            }
            // Names are resolved once per command, before any authorization is built (a name read may run commands).
            List<Bytes> handleNames = needNames ? names.namesOf(handles) : null;
            for (int attempt = 0; ; attempt++) {
                byte[] response = exchange(command, shape, handles, handleNames, parameters, sessions, entityAuths);
                try {
                    R result = decode(command, shape, response, sessions, entityAuths);
                    command.applyEffects(result, names);
                    return result;
                } catch (TpmResponseException e) {
                    if (attempt < retryPolicy.maxRetries() && isRetryable(e.responseCode())) {
                        pauseBeforeRetry(cc, e.responseCode());
                        continue;
                    }
                    throw e;
                }
            }
        } finally {
            Arrays.fill(parameters, (byte) 0);
        }
    }

    private byte[] exchange(TpmCommand<?> command, CommandShape shape, int[] handles, List<Bytes> handleNames,
                            byte[] plainParameters, AuthSession[] sessions, byte[][] entityAuths) {
        int cc = shape.commandCode();
        int authCount = shape.authHandleCount();
        for (AuthSession s : sessions) {
            s.beginCommand(shape.encryptsCommand(), shape.encryptsResponse());
        }
        int decrypt = -1;
        int encrypt = -1;
        for (int i = 0; i < sessions.length; i++) {
            if (decrypt < 0 && sessions[i].decryptsCommand()) {
                decrypt = i;
            }
            if (encrypt < 0 && sessions[i].encryptsResponse()) {
                encrypt = i;
            }
        }
        byte[] parameters = plainParameters.clone();
        CommandAuthContext ctx = new CommandAuthContext(cc, () -> {
            if (handleNames == null) {
                throw new IllegalStateException(TpmCc.name(cc) + ": a session asked for names it said it needs not");
            }
            return handleNames;
        }, parameters);
        if (decrypt >= 0) {
            if (!shape.encryptsCommand() || parameters.length < 2) {
                throw new IllegalArgumentException(TpmCc.name(cc) + " has no TPM2B first parameter to encrypt");
            }
            int size = ((parameters[0] & 0xFF) << 8) | (parameters[1] & 0xFF);
            sessions[decrypt].encryptCommandParameter(parameters, 2, Math.min(size, parameters.length - 2),
                    ctx.forSlot(decrypt < authCount ? decrypt : -1, null, entityAuths[decrypt]));
        }
        // nonceTPMdecrypt ‖ nonceTPMencrypt join the HMAC of the first session when it authorizes a handle and
        // another session decrypts / encrypts (Part 1 §19.6.5); an encrypt session that also decrypts counts once.
        TpmWriter extra = new TpmWriter();
        if (authCount > 0 && decrypt > 0) {
            extra.raw(sessions[decrypt].nonceTpm());
        }
        if (authCount > 0 && encrypt > 0 && encrypt != decrypt) {
            extra.raw(sessions[encrypt].nonceTpm());
        }
        byte[] extraNonces = extra.toByteArray();
        TpmWriter w = new TpmWriter(parameters.length + 64);
        w.u16(sessions.length == 0 ? TpmSt.NO_SESSIONS : TpmSt.SESSIONS);
        w.u32(0); // size, back-filled
        w.u32(cc);
        for (int h : handles) {
            w.u32(h);
        }
        if (sessions.length > 0) {
            int sizeAt = w.size();
            w.u32(0);
            for (int i = 0; i < sessions.length; i++) {
                TpmsAuthCommand auth = sessions[i].authorizeCommand(ctx.forSlot(i < authCount ? i : -1,
                        i == 0 ? extraNonces : null, entityAuths[i]));
                auth.marshal(w);
                auth.wipe();
            }
            w.putU32At(sizeAt, w.size() - sizeAt - 4);
        }
        w.raw(parameters);
        w.putU32At(2, w.size());
        byte[] bytes = w.toByteArray();
        w.wipe();
        Arrays.fill(parameters, (byte) 0);
        CommandTrace.command(command, bytes, handles.length, sessions.length > 0);
        try {
            byte[] response = transport.transmit(bytes);
            CommandTrace.response(command, response, response != null && response.length >= 10
                    ? ((response[6] & 0xFF) << 24 | (response[7] & 0xFF) << 16
                    | (response[8] & 0xFF) << 8 | (response[9] & 0xFF)) : 0);
            return response;
        } catch (IOException e) {
            throw new TpmTransportException(TpmCc.name(cc) + ": transport failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static <R> R decode(TpmCommand<R> command, CommandShape shape, byte[] response, AuthSession[] sessions,
                                byte[][] entityAuths) {
        int cc = shape.commandCode();
        String what = TpmCc.name(cc) + " response";
        if (response == null) {
            throw new TpmFormatException(what, 0, "transport returned no response");
        }
        TpmReader r = TpmReader.of(response);
        if (response.length < 10) {
            throw new TpmFormatException(what, 0, "a response is at least 10 bytes, got " + response.length);
        }
        int tag = r.u16(what);
        long size = Integer.toUnsignedLong(r.u32(what));
        int rc = r.u32(what);
        if (tag != TpmSt.NO_SESSIONS && tag != TpmSt.SESSIONS) {
            throw new TpmFormatException(what, 0, String.format("unknown tag 0x%04x", tag));
        }
        if (size != response.length) {
            throw new TpmFormatException(what, 2, "size field says " + size + " bytes, " + response.length
                    + " were received");
        }
        if (rc != TpmRc.SUCCESS) {
            ResponseCode decoded = ResponseCode.decode(rc);
            throw new TpmResponseException(cc, decoded, command.explain(decoded));
        }
        boolean withSessions = sessions.length > 0;
        if (withSessions != (tag == TpmSt.SESSIONS)) {
            throw new TpmFormatException(what, 0, String.format("tag 0x%04x does not match a command sent %s "
                    + "sessions", tag, withSessions ? "with" : "without"));
        }
        int[] outHandles = new int[shape.responseHandleCount()];
        for (int i = 0; i < outHandles.length; i++) {
            outHandles[i] = r.u32(what + " handle");
        }
        TpmReader params = withSessions ? r.sized32(what + " parameterSize") : r.slice(r.remaining(), what);
        if (withSessions) {
            byte[] paramBytes = Arrays.copyOfRange(response, params.offset(), params.offset() + params.remaining());
            ResponseAuthContext ctx = new ResponseAuthContext(cc, paramBytes);
            int authCount = shape.authHandleCount();
            for (int i = 0; i < sessions.length; i++) {
                boolean authorizes = i < authCount;
                sessions[i].verifyResponse(ctx.forSession(authorizes, entityAuths[i],
                        authorizes ? command.newAuthValue(i) : null), TpmsAuthResponse.read(r));
            }
            r.expectEnd(what + " authorization area");
            for (int i = 0; i < sessions.length; i++) {
                if (sessions[i].encryptsResponse() && shape.encryptsResponse()) {
                    int at = params.offset();
                    if (params.remaining() < 2) {
                        throw new TpmFormatException(what, at, "no TPM2B first parameter to decrypt");
                    }
                    int encrypted = ((response[at] & 0xFF) << 8) | (response[at + 1] & 0xFF);
                    if (encrypted > params.remaining() - 2) {
                        throw new TpmFormatException(what, at, "encrypted parameter of " + encrypted
                                + " bytes runs past the parameter area");
                    }
                    sessions[i].decryptResponseParameter(response, at + 2, encrypted, i < authCount);
                    break;
                }
            }
        }
        R result = command.parseResponse(outHandles, params);
        params.expectEnd(what + " parameters");
        return result;
    }

    private static boolean isRetryable(ResponseCode rc) {
        int c = rc.code();
        return c == TpmRc.RETRY || c == TpmRc.YIELDED || c == TpmRc.TESTING || c == TpmRc.NV_RATE;
    }

    private void pauseBeforeRetry(int cc, ResponseCode rc) {
        LOG.log(System.Logger.Level.DEBUG, "{0} answered {1}; retrying", TpmCc.name(cc), rc.name());
        if (rc.code() == TpmRc.NV_RATE && !retryPolicy.nvRateDelay().isZero()) {
            try {
                Thread.sleep(retryPolicy.nvRateDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TpmTransportException(TpmCc.name(cc) + ": interrupted while waiting to retry",
                        new java.io.InterruptedIOException());
            }
        }
    }

    /** Closes the transport once. */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            transport.close();
        } catch (IOException e) {
            throw new TpmTransportException("closing the transport failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
