package dev.tpm2j.core;

import dev.tpm2j.core.commands.CommandEffects;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.PolicyRestart;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service that knows entity names and what may be cached about entities, and the sessions this Tpm started.
 * <ul>
 * <li>Transient objects are this connection's own (a resource manager gives every connection its own handles): their
 * names, checked against their public areas, are kept until a flush, a Startup or {@link #clear()}.</li>
 * <li>Persistent objects and NV indices can be changed by another program or a TPM restart this Tpm never sees, so
 * their names are trusted only within the operation that read them (one command, or one facade call such as a
 * chunked NV read); the next operation reads them again. The only exception is an NV index write-locked for good
 * (TPMA_NV_WRITEDEFINE and WRITELOCKED: nothing but undefining it changes it), kept until a change through this Tpm or
 * {@link #clear()}. Reads through {@code readPublic}/{@code nvReadPublic} refresh the cache.</li>
 * <li>Sessions: a session flushed through this Tpm is marked so its {@code close()} sends nothing; policy assertions
 * sent by any path reach the session object; a policy session's carried policy is re-run before each use.</li>
 * </ul>
 * Commands tell it what they changed through {@link CommandEffects}; it never guesses from command types.
 */
final class EntityNames implements CommandEffects {
    private final CommandPipeline pipeline;
    private final Map<Integer, Bytes> transientNames = new ConcurrentHashMap<>();
    private final Map<Integer, Scoped> scoped = new ConcurrentHashMap<>();
    private final Map<Integer, NvReadPublic.Response> lockedForGood = new ConcurrentHashMap<>();
    private final Map<Integer, KeyedSession> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, Carried> carried = new ConcurrentHashMap<>();

    /** A persistent object's name or an NV index's public area, read during operation {@code operation}. */
    private record Scoped(long operation, Bytes name, NvReadPublic.Response nv) {
    }

    /** A policy a session carries; {@code dirty}: a command it authorized failed, so its policy state is unknown. */
    private static final class Carried {
        final PolicySession session;
        final Runnable policy;
        boolean dirty;

        Carried(PolicySession session, Runnable policy) {
            this.session = session;
            this.policy = policy;
        }
    }

    EntityNames(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Names of the handles of a command, for cpHash (resolved once per command, before its authorization area). */
    List<Bytes> namesOf(int[] handles) {
        List<Bytes> names = new ArrayList<>(handles.length);
        for (int h : handles) {
            names.add(nameOf(h));
        }
        return List.copyOf(names);
    }

    /** The TPM name of an entity (see {@link Tpm#nameOf}). */
    Bytes nameOf(int handle) {
        int type = TpmHt.of(handle);
        if (type == TpmHt.NV_INDEX) {
            return nvReadPublic(handle).nvName();
        }
        if (type == TpmHt.TRANSIENT) {
            Bytes known = transientNames.get(handle);
            return known != null ? known : readPublic(handle).name();
        }
        if (type == TpmHt.PERSISTENT) {
            Scoped s = scoped.get(handle);
            return s != null && s.operation() == pipeline.currentOperation() ? s.name() : readPublic(handle).name();
        }
        return Names.handle(handle);
    }

    /** A loaded object's public area and name, the name checked against the public area; refreshes the cache. */
    ReadPublic.Response readPublic(int objectHandle) {
        return pipeline.operation(() -> {
            ReadPublic.Response resp = pipeline.execute(new ReadPublic(objectHandle));
            if (!TpmAlgId.isHash(resp.outPublic().nameAlg())) {
                return resp;
            }
            if (!Names.object(resp.outPublic()).equals(resp.name())) {
                throw new TpmFormatException("TPM2B_NAME name", 0, String.format(
                        "the name of 0x%08x does not match its public area", objectHandle));
            }
            remember(objectHandle, resp.name());
            return resp;
        });
    }

    private void remember(int handle, Bytes name) {
        if (TpmHt.of(handle) == TpmHt.TRANSIENT) {
            transientNames.put(handle, name);
        } else if (TpmHt.of(handle) == TpmHt.PERSISTENT) {
            scoped.put(handle, new Scoped(pipeline.currentOperation(), name, null));
        }
    }

    /** An NV index's public area and checked name: read again in every operation unless write-locked for good. */
    NvReadPublic.Response nvReadPublic(int nvIndex) {
        NvReadPublic.Response locked = lockedForGood.get(nvIndex);
        if (locked != null) {
            return locked;
        }
        Scoped s = scoped.get(nvIndex);
        if (s != null && s.operation() == pipeline.currentOperation()) {
            return s.nv();
        }
        return pipeline.operation(() -> {
            NvReadPublic.Response resp = pipeline.execute(new NvReadPublic(nvIndex));
            if (resp.nvPublic().nvIndex() != nvIndex) {
                throw new TpmFormatException("TPMS_NV_PUBLIC", 0, String.format(
                        "asked for index 0x%08x, the TPM described 0x%08x", nvIndex, resp.nvPublic().nvIndex()));
            }
            if (TpmAlgId.isHash(resp.nvPublic().nameAlg())) {
                Bytes expected = Names.nv(resp.nvPublic());
                if (!expected.equals(resp.nvName())) {
                    throw new TpmFormatException("TPM2B_NAME nvName", 0, String.format(
                            "the name of 0x%08x does not match its public area", nvIndex));
                }
            }
            rememberNv(resp);
            return resp;
        });
    }

    private void rememberNv(NvReadPublic.Response resp) {
        int index = resp.nvPublic().nvIndex();
        scoped.put(index, new Scoped(pipeline.currentOperation(), resp.nvName(), resp));
        if (resp.nvPublic().attributes().has(TpmaNv.WRITELOCKED)
                && resp.nvPublic().attributes().has(TpmaNv.WRITEDEFINE)) {
            lockedForGood.put(index, resp);
        }
    }

    /** Uses a public area the caller read from this TPM for the rest of the current operation. */
    void vouchNv(TpmsNvPublic nvPublic) {
        if (TpmAlgId.isHash(nvPublic.nameAlg())) {
            scoped.put(nvPublic.nvIndex(), new Scoped(pipeline.currentOperation(), Names.nv(nvPublic),
                    new NvReadPublic.Response(nvPublic, Names.nv(nvPublic))));
        }
    }

    /** Forgets every cached name and public area. */
    void clear() {
        transientNames.clear();
        scoped.clear();
        lockedForGood.clear();
    }

    /**
     * Remembers a session started through this Tpm (or used with it) so flushes and policy assertions reach it; the
     * latest session object seen at a handle is the one that holds it.
     */
    void register(KeyedSession session) {
        sessions.put(session.handle(), session);
    }

    /** Makes {@code session} carry {@code policy}: it is run before each command the session authorizes. */
    void carry(PolicySession session, Runnable policy) {
        register(session);
        carried.put(session.handle(), new Carried(session, policy));
    }

    /** Whether {@code session} carries a policy. */
    boolean carriesPolicy(PolicySession session) {
        Carried c = carried.get(session.handle());
        return c != null && c.session == session;
    }

    /** Before a command {@code session} authorizes: PolicyRestart if its last command failed, then its policy. */
    void beforeUse(PolicySession session) {
        Carried c = carried.get(session.handle());
        if (c == null || c.session != session) {
            return;
        }
        if (c.dirty) {
            pipeline.execute(new PolicyRestart(session.handle()));
            c.dirty = false;
        }
        c.dirty = true; // until the command it authorizes succeeds (the TPM then resets the policy)
        c.policy.run();
    }

    /** After a command {@code session} authorized succeeded: the TPM has reset its policy. */
    void used(PolicySession session) {
        Carried c = carried.get(session.handle());
        if (c != null && c.session == session) {
            c.dirty = false;
        }
    }

    @Override
    public void objectLoaded(int handle, TpmtPublic publicArea, Bytes name) {
        if (TpmAlgId.isHash(publicArea.nameAlg()) && Names.object(publicArea).equals(name)) {
            remember(handle, name);
        } else {
            transientNames.remove(handle);
            scoped.remove(handle);
        }
    }

    @Override
    public void handleGone(int handle) {
        transientNames.remove(handle);
        scoped.remove(handle);
        carried.remove(handle);
        KeyedSession s = sessions.remove(handle);
        if (s != null) {
            s.flushed();
        }
    }

    @Override
    public void nvChanged(int nvIndex) {
        scoped.remove(nvIndex);
        lockedForGood.remove(nvIndex);
    }

    @Override
    public void nvWritten(int nvIndex) {
        Scoped s = scoped.get(nvIndex);
        lockedForGood.remove(nvIndex);
        if (s == null || s.nv() == null || s.nv().nvPublic().attributes().has(TpmaNv.WRITTEN)) {
            return;
        }
        TpmsNvPublic p = s.nv().nvPublic();
        TpmsNvPublic written = new TpmsNvPublic(p.nvIndex(), p.nameAlg(),
                new TpmaNv(p.attributes().value() | TpmaNv.WRITTEN), p.authPolicy(), p.dataSize());
        scoped.put(nvIndex, new Scoped(s.operation(), Names.nv(written), new NvReadPublic.Response(written,
                Names.nv(written))));
    }

    @Override
    public void tpmStarted() {
        // WRITE_STCLEAR locks clear on TPM Reset/Restart; transient objects and sessions are gone after any Startup.
        transientNames.clear();
        scoped.clear();
        for (KeyedSession s : sessions.values()) {
            s.flushed();
        }
        sessions.clear();
        carried.clear();
    }

    @Override
    public void policyAuthValue(int policySession) {
        if (sessions.get(policySession) instanceof PolicySession s) {
            s.policyAuthValueAsserted();
        }
    }

    @Override
    public void policyPassword(int policySession) {
        if (sessions.get(policySession) instanceof PolicySession s) {
            s.policyPasswordAsserted();
        }
    }

    @Override
    public void policyRestart(int policySession) {
        if (sessions.get(policySession) instanceof PolicySession s) {
            s.policyRestarted();
        }
    }
}
