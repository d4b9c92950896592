package dev.tpm2j.core;

import dev.tpm2j.core.commands.CommandEffects;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service that knows entity names and what may be cached about entities: names of loaded objects (checked
 * against their public areas), public areas of write-locked NV indices, and the policy sessions this Tpm started
 * (so PolicyAuthValue / PolicyPassword sent by any path reach the session object). Commands tell it what they
 * changed through {@link CommandEffects}; it never guesses from command types.
 */
final class EntityNames implements CommandEffects {
    private final CommandPipeline pipeline;
    private final Map<Integer, Bytes> objectNames = new ConcurrentHashMap<>();
    private final Map<Integer, NvReadPublic.Response> lockedNvPublic = new ConcurrentHashMap<>();
    private final Map<Integer, PolicySession> policySessions = new ConcurrentHashMap<>();

    EntityNames(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Names of the handles of a command, for cpHash. */
    List<Bytes> namesOf(int[] handles) {
        List<Bytes> names = new ArrayList<>(handles.length);
        for (int h : handles) {
            names.add(nameOf(h));
        }
        return names;
    }

    /** The TPM name of an entity (see {@link Tpm#nameOf}). */
    Bytes nameOf(int handle) {
        int type = TpmHt.of(handle);
        if (type == TpmHt.NV_INDEX) {
            return nvReadPublic(handle).nvName();
        }
        if (type == TpmHt.TRANSIENT || type == TpmHt.PERSISTENT) {
            Bytes known = objectNames.get(handle);
            if (known != null) {
                return known;
            }
            Bytes name = readPublic(handle).name();
            objectNames.put(handle, name);
            return name;
        }
        return Names.handle(handle);
    }

    /** A loaded object's public area and name, the name checked against the public area. */
    ReadPublic.Response readPublic(int objectHandle) {
        ReadPublic.Response resp = pipeline.execute(new ReadPublic(objectHandle));
        if (TpmAlgId.isHash(resp.outPublic().nameAlg()) && !Names.object(resp.outPublic()).equals(resp.name())) {
            throw new TpmFormatException("TPM2B_NAME name", 0, String.format(
                    "the name of 0x%08x does not match its public area", objectHandle));
        }
        return resp;
    }

    /** An NV index's public area and checked name; write-locked ones are cached until a change or a Startup. */
    NvReadPublic.Response nvReadPublic(int nvIndex) {
        NvReadPublic.Response cached = lockedNvPublic.get(nvIndex);
        if (cached != null) {
            return cached;
        }
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
        if (resp.nvPublic().attributes().has(TpmaNv.WRITELOCKED)) {
            lockedNvPublic.put(nvIndex, resp);
        }
        return resp;
    }

    /** Remembers a policy session started through this Tpm so policy assertions reach it. */
    void register(PolicySession session) {
        policySessions.put(session.handle(), session);
    }

    @Override
    public void objectLoaded(int handle, TpmtPublic publicArea, Bytes name) {
        if (TpmAlgId.isHash(publicArea.nameAlg()) && Names.object(publicArea).equals(name)) {
            objectNames.put(handle, name);
        } else {
            objectNames.remove(handle);
        }
    }

    @Override
    public void handleGone(int handle) {
        objectNames.remove(handle);
        policySessions.remove(handle);
    }

    @Override
    public void nvChanged(int nvIndex) {
        lockedNvPublic.remove(nvIndex);
    }

    @Override
    public void tpmStarted() {
        // WRITE_STCLEAR locks clear on TPM Reset/Restart; transient objects and sessions are gone after any Startup.
        lockedNvPublic.clear();
        objectNames.keySet().removeIf(h -> TpmHt.of(h) == TpmHt.TRANSIENT);
        policySessions.clear();
    }

    @Override
    public void policyAuthValue(int policySession) {
        PolicySession s = policySessions.get(policySession);
        if (s != null) {
            s.policyAuthValueAsserted();
        }
    }

    @Override
    public void policyPassword(int policySession) {
        PolicySession s = policySessions.get(policySession);
        if (s != null) {
            s.policyPasswordAsserted();
        }
    }

    @Override
    public void policyRestart(int policySession) {
        PolicySession s = policySessions.get(policySession);
        if (s != null) {
            s.policyRestarted();
        }
    }
}
