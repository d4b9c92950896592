package dev.tpm2j.core;

import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.FlushContext;
import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.NvDefineSpace;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.NvUndefineSpace;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.commands.NvWriteLock;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.commands.StartAuthSession;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.CommandAuthContext;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.session.ResponseAuthContext;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmlTaggedTpmProperty;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsTaggedProperty;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSymDef;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TPM 2.0 over a {@link TpmTransport}: typed commands in, typed responses out, every response checked.
 * One command is on the wire at a time; the facade is safe to share between threads.
 *
 * <pre>{@code
 * try (Tpm tpm = Tpm.open(transport)) {
 *     byte[] cert = tpm.nvRead(0x01C00002);
 * }
 * }</pre>
 */
public final class Tpm implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Tpm.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Used when the TPM does not report TPM_PT_NV_BUFFER_MAX (or reports nonsense). */
    public static final int DEFAULT_NV_BUFFER = 512;
    /** Upper bound on GetCapability pages for one query, so a TPM that says "moreData" forever cannot hang us. */
    static final int MAX_CAPABILITY_PAGES = 256;

    private final TpmTransport transport;
    private final RetryPolicy retryPolicy;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile int nvBufferMax = -1;
    private volatile boolean closed;
    /** Fixed properties (TPM_PT 0x100–0x1FF) never change while the TPM runs: each is asked for once. */
    private final Map<Integer, Integer> fixedProperties = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean fixedLoaded;
    /**
     * Names of loaded objects learned from CreatePrimary / Load / LoadExternal / ReadPublic responses (checked
     * against their public areas), so HMAC sessions need no extra ReadPublic; dropped on FlushContext / EvictControl.
     */
    private final Map<Integer, Bytes> objectNames = new java.util.concurrent.ConcurrentHashMap<>();
    /** NV public areas of write-locked indices cannot change either (short of platform undefining them). */
    private final Map<Integer, NvReadPublic.Response> lockedNvPublic = new java.util.concurrent.ConcurrentHashMap<>();

    private Tpm(TpmTransport transport, RetryPolicy retryPolicy) {
        this.transport = transport;
        this.retryPolicy = retryPolicy;
    }

    /** A TPM over {@code transport} with the default retry policy. Closing the Tpm closes the transport. */
    public static Tpm open(TpmTransport transport) {
        return open(transport, RetryPolicy.DEFAULT);
    }

    public static Tpm open(TpmTransport transport, RetryPolicy retryPolicy) {
        return new Tpm(transport, retryPolicy);
    }

    /**
     * Opens the TPM named by a selection string in tpm2-tools' TCTI syntax — {@code swtpm:host=H,port=P},
     * {@code mssim:host=H,port=P}, {@code device:/dev/tpmrm0}, {@code tbs}, {@code sim} — served by the transport
     * providers on the class or module path ({@code tpm2-transport}, {@code simulator}).
     */
    public static Tpm open(String spec) {
        return open(TransportSelection.open(spec));
    }

    /** The transport a selection string names, e.g. to wrap it in a {@link CountingTransport}. */
    public static TpmTransport openTransport(String spec) {
        return TransportSelection.open(spec);
    }

    /** The default transport ({@code TPM2J_TPM}, {@code TPM2TOOLS_TCTI}, then the platform TPM). */
    public static TpmTransport openTransport() {
        return TransportSelection.openDefault(System.getenv());
    }

    /**
     * Opens the default TPM: the {@code TPM2J_TPM} environment variable, else {@code TPM2TOOLS_TCTI}, else the
     * platform default (Windows TBS; Linux /dev/tpmrm0). When nothing is reachable the error lists what was tried.
     */
    public static Tpm open() {
        return open(TransportSelection.openDefault(System.getenv()));
    }

    public TpmTransport transport() {
        return transport;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The one path every command takes.

    /**
     * Runs {@code command} with one session per authorized handle (in handle order) and returns its typed
     * response. Throws {@link TpmResponseException} for an error code, {@link TpmFormatException} for a malformed
     * response, {@link dev.tpm2j.core.session.TpmSessionException} when a session check fails, and
     * {@link TpmTransportException} when the transport fails.
     */
    public <R> R execute(TpmCommand<R> command, AuthSession... sessions) {
        int cc = command.commandCode();
        if (sessions.length < command.authHandleCount() || sessions.length > 3) {
            throw new IllegalArgumentException(TpmCc.name(cc) + " needs " + command.authHandleCount()
                    + " authorization session(s), got " + sessions.length);
        }
        int[] handles = command.handles();
        TpmWriter pw = new TpmWriter();
        command.marshalParameters(pw);
        byte[] parameters = pw.toByteArray();
        pw.wipe();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this Tpm is closed");
            }
            for (int attempt = 0; ; attempt++) {
                byte[] response = exchange(command, handles, parameters, sessions);
                try {
                    R result = decode(command, response, sessions);
                    learnNames(command, result);
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
            lock.unlock();
            Arrays.fill(parameters, (byte) 0);
        }
    }

    private byte[] exchange(TpmCommand<?> command, int[] handles, byte[] plainParameters, AuthSession[] sessions) {
        int cc = command.commandCode();
        int authCount = command.authHandleCount();
        for (AuthSession s : sessions) {
            s.beginCommand(command.firstCommandParameterIsTpm2b(), command.firstResponseParameterIsTpm2b());
        }
        byte[] parameters = plainParameters.clone();
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i].decryptsCommand()) {
                if (!command.firstCommandParameterIsTpm2b() || parameters.length < 2) {
                    throw new IllegalArgumentException(TpmCc.name(cc) + " has no TPM2B first parameter to encrypt");
                }
                int size = ((parameters[0] & 0xFF) << 8) | (parameters[1] & 0xFF);
                sessions[i].encryptCommandParameter(parameters, 2, Math.min(size, parameters.length - 2),
                        i < authCount);
                break;
            }
        }
        CommandAuthContext ctx = new CommandAuthContext(cc, () -> namesOf(handles), parameters);
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
                TpmsAuthCommand auth = sessions[i].authorizeCommand(ctx.forSession(i < authCount));
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
        try {
            return transport.transmit(bytes);
        } catch (IOException e) {
            throw new TpmTransportException(TpmCc.name(cc) + ": transport failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static <R> R decode(TpmCommand<R> command, byte[] response, AuthSession[] sessions) {
        int cc = command.commandCode();
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
        int[] outHandles = new int[command.responseHandleCount()];
        for (int i = 0; i < outHandles.length; i++) {
            outHandles[i] = r.u32(what + " handle");
        }
        TpmReader params = withSessions ? r.sized32(what + " parameterSize") : r.slice(r.remaining(), what);
        if (withSessions) {
            byte[] paramBytes = Arrays.copyOfRange(response, params.offset(), params.offset() + params.remaining());
            ResponseAuthContext ctx = new ResponseAuthContext(cc, paramBytes);
            int authCount = command.authHandleCount();
            for (int i = 0; i < sessions.length; i++) {
                sessions[i].verifyResponse(ctx.forSession(i < authCount), TpmsAuthResponse.read(r));
            }
            r.expectEnd(what + " authorization area");
            for (int i = 0; i < sessions.length; i++) {
                if (sessions[i].encryptsResponse() && command.firstResponseParameterIsTpm2b()) {
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

    private void learnNames(TpmCommand<?> command, Object result) {
        if (result instanceof CreatePrimary.Response r) {
            remember(r.objectHandle(), r.outPublic(), r.name());
        } else if (result instanceof dev.tpm2j.core.commands.Load.Response r
                && command instanceof dev.tpm2j.core.commands.Load load) {
            remember(r.objectHandle(), load.inPublic(), r.name());
        } else if (result instanceof dev.tpm2j.core.commands.LoadExternal.Response r
                && command instanceof dev.tpm2j.core.commands.LoadExternal le) {
            remember(r.objectHandle(), le.inPublic(), r.name());
        } else if (command instanceof FlushContext f) {
            objectNames.remove(f.flushHandle());
        } else if (command instanceof EvictControl e) {
            objectNames.remove(e.objectHandle());
            objectNames.remove(e.persistentHandle());
        }
    }

    private void remember(int handle, TpmtPublic pub, Bytes name) {
        if (TpmAlgId.isHash(pub.nameAlg()) && Names.object(pub).equals(name)) {
            objectNames.put(handle, name);
        }
    }

    /** Names of the handles of a command, for HMAC sessions (cpHash). */
    private List<Bytes> namesOf(int[] handles) {
        List<Bytes> names = new ArrayList<>(handles.length);
        for (int h : handles) {
            names.add(nameOf(h));
        }
        return names;
    }

    /**
     * The TPM name of an entity: the handle itself for permanent, PCR and session handles; for NV indices and
     * objects, the name read from the TPM and checked against the public area it came with.
     */
    public Bytes nameOf(int handle) {
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

    // ------------------------------------------------------------------------------------------------------------
    // Capabilities.

    /** Random bytes from the TPM's RNG, as many GetRandom calls as needed. */
    public byte[] getRandom(int count) {
        byte[] out = new byte[count];
        int done = 0;
        int emptyAnswers = 0;
        while (done < count) {
            int ask = Math.min(count - done, Limits.DIGEST);
            Bytes got = execute(new GetRandom(ask)).randomBytes();
            if (got.isEmpty() && ++emptyAnswers > 16) {
                throw new TpmFormatException("TPM2_GetRandom response", 0, "the TPM keeps returning no bytes");
            }
            got.copyTo(out, done);
            done += got.size();
        }
        return out;
    }

    /**
     * Every handle of one type (the type of {@code firstHandle}) from {@code firstHandle} on, paging GetCapability
     * while the TPM says more data follows (bounded, and each page must make progress).
     */
    public List<Integer> getHandles(int firstHandle) {
        int type = TpmHt.of(firstHandle);
        return getHandles(firstHandle, (type << 24) | 0x00FFFFFF);
    }

    /**
     * Handles in {@code [firstHandle, lastHandle]} (one handle type), paged; stops asking once a page passes
     * {@code lastHandle}, so a range costs no more round trips than it needs.
     */
    public List<Integer> getHandles(int firstHandle, int lastHandle) {
        int type = TpmHt.of(firstHandle);
        if (TpmHt.of(lastHandle) != type || Integer.compareUnsigned(lastHandle, firstHandle) < 0) {
            throw new IllegalArgumentException("the range must lie within one handle type");
        }
        List<Integer> out = new ArrayList<>();
        int next = firstHandle;
        for (int page = 0; page < MAX_CAPABILITY_PAGES; page++) {
            GetCapability.Response resp = execute(new GetCapability(TpmCap.HANDLES, next, Limits.CAP_HANDLES));
            List<Integer> handles = ((TpmlHandle) resp.capabilityData().data()).handles();
            int last = next - 1;
            for (int h : handles) {
                if (TpmHt.of(h) != type || Integer.compareUnsigned(h, lastHandle) > 0) {
                    return out;
                }
                if (Integer.compareUnsigned(h, last) <= 0) {
                    throw new TpmFormatException("TPML_HANDLE", 0, String.format(
                            "handles not ascending (0x%08x after 0x%08x)", h, last));
                }
                out.add(h);
                last = h;
            }
            if (!resp.moreData() || handles.isEmpty() || last == lastHandle) {
                return out;
            }
            next = last + 1;
        }
        throw new TpmFormatException("TPM2_GetCapability response", 0, "still reports moreData after "
                + MAX_CAPABILITY_PAGES + " pages");
    }

    /** TPM properties from {@code first} on, up to {@code count}, paged. */
    public Map<Integer, Integer> getProperties(int first, int count) {
        Map<Integer, Integer> out = new TreeMap<>();
        int next = first;
        int end = first + count;
        for (int page = 0; page < MAX_CAPABILITY_PAGES && next < end; page++) {
            GetCapability.Response resp = execute(new GetCapability(TpmCap.TPM_PROPERTIES, next, end - next));
            List<TpmsTaggedProperty> props = ((TpmlTaggedTpmProperty) resp.capabilityData().data()).properties();
            int last = next - 1;
            for (TpmsTaggedProperty p : props) {
                if (p.property() < next || p.property() >= end) {
                    return out;
                }
                if (p.property() <= last) {
                    throw new TpmFormatException("TPML_TAGGED_TPM_PROPERTY", 0, "properties not ascending");
                }
                out.put(p.property(), p.value());
                if (p.property() >= TpmPt.FIXED && p.property() < TpmPt.VAR) {
                    fixedProperties.put(p.property(), p.value());
                }
                last = p.property();
            }
            if (!resp.moreData() || props.isEmpty()) {
                return out;
            }
            next = last + 1;
        }
        return out;
    }

    /**
     * All fixed properties (TPM_PT 0x100–0x1FF: manufacturer, vendor strings, firmware, limits such as
     * NV_BUFFER_MAX), read once per Tpm — usually one GetCapability — and served from memory afterwards.
     */
    public Map<Integer, Integer> fixedProperties() {
        if (!fixedLoaded) {
            getProperties(TpmPt.FIXED, TpmPt.VAR - TpmPt.FIXED);
            fixedLoaded = true;
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(fixedProperties));
    }

    /** One TPM property, if the TPM reports it; fixed properties come from the cache once read. */
    public OptionalInt getProperty(int property) {
        Integer cached = fixedProperties.get(property);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        if (fixedLoaded && property >= TpmPt.FIXED && property < TpmPt.VAR) {
            return OptionalInt.empty(); // all fixed properties were read: this one is not reported
        }
        GetCapability.Response resp = execute(new GetCapability(TpmCap.TPM_PROPERTIES, property, 1));
        List<TpmsTaggedProperty> props = ((TpmlTaggedTpmProperty) resp.capabilityData().data()).properties();
        for (TpmsTaggedProperty p : props) {
            if (p.property() == property) {
                if (property >= TpmPt.FIXED && property < TpmPt.VAR) {
                    fixedProperties.put(property, p.value());
                }
                return OptionalInt.of(p.value());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * TPM_PT_NV_BUFFER_MAX, asked once per Tpm and cached; {@value #DEFAULT_NV_BUFFER} if the TPM does not say or
     * claims something outside 1..2048.
     */
    public int nvBufferMax() {
        int v = nvBufferMax;
        if (v > 0) {
            return v;
        }
        OptionalInt reported = getProperty(TpmPt.NV_BUFFER_MAX);
        v = DEFAULT_NV_BUFFER;
        if (reported.isPresent()) {
            int r = reported.getAsInt();
            if (r >= 1 && r <= Limits.NV_BUFFER) {
                v = r;
            } else {
                LOG.log(System.Logger.Level.WARNING, "TPM reports NV_BUFFER_MAX {0}; using {1}",
                        Integer.toUnsignedString(r), DEFAULT_NV_BUFFER);
            }
        }
        nvBufferMax = v;
        return v;
    }

    // ------------------------------------------------------------------------------------------------------------
    // NV storage.

    /**
     * An NV index's public area and name; the name is checked against the public area. Public areas of
     * write-locked indices are cached for the life of this Tpm (changes made through it clear the entry).
     */
    public NvReadPublic.Response nvReadPublic(int nvIndex) {
        NvReadPublic.Response cached = lockedNvPublic.get(nvIndex);
        if (cached != null) {
            return cached;
        }
        NvReadPublic.Response resp = execute(new NvReadPublic(nvIndex));
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
        if (resp.nvPublic().attributes().has(dev.tpm2j.core.types.TpmaNv.WRITELOCKED)) {
            lockedNvPublic.put(nvIndex, resp);
        }
        return resp;
    }

    /** Reads a whole NV index, authorized by the index itself with an empty password. */
    public byte[] nvRead(int nvIndex) {
        return nvRead(nvIndex, Authorization.nvIndex());
    }

    /** Reads a whole NV index: NV_ReadPublic for the size, then NV_Read chunks of {@link #nvBufferMax()}. */
    public byte[] nvRead(int nvIndex, Authorization auth) {
        int size = nvReadPublic(nvIndex).nvPublic().dataSize();
        return nvRead(nvIndex, 0, size, auth);
    }

    /**
     * Reads a whole index whose public area the caller already has (no second NV_ReadPublic): only the NV_Read
     * chunks. The caller vouches that {@code nvPublic} came from this TPM.
     */
    public byte[] nvRead(TpmsNvPublic nvPublic, Authorization auth) {
        return nvRead(nvPublic.nvIndex(), 0, nvPublic.dataSize(), auth);
    }

    /** Reads {@code size} bytes at {@code offset}, chunked. */
    public byte[] nvRead(int nvIndex, int offset, int size, Authorization auth) {
        if (offset < 0 || size < 0 || offset + size > 0xFFFF + 1) {
            throw new IllegalArgumentException("offset and size must lie within 0..65535");
        }
        byte[] out = new byte[size];
        int chunk = nvBufferMax();
        int authHandle = auth.resolve(nvIndex);
        for (int done = 0; done < size; ) {
            int n = Math.min(chunk, size - done);
            byte[] part = execute(new NvRead(authHandle, nvIndex, n, offset + done), auth.session()).data();
            System.arraycopy(part, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes {@code data} at offset 0 authorized by the index itself, chunked. */
    public void nvWrite(int nvIndex, byte[] data) {
        nvWrite(nvIndex, 0, data, Authorization.nvIndex());
    }

    /** Writes {@code data} at {@code offset}, in chunks of {@link #nvBufferMax()}. */
    public void nvWrite(int nvIndex, int offset, byte[] data, Authorization auth) {
        int chunk = nvBufferMax();
        int authHandle = auth.resolve(nvIndex);
        for (int done = 0; done < data.length; ) {
            int n = Math.min(chunk, data.length - done);
            byte[] part = Arrays.copyOfRange(data, done, done + n);
            execute(new NvWrite(authHandle, nvIndex, part, offset + done), auth.session());
            done += n;
        }
    }

    /** Defines an NV index with an empty auth value under {@code hierarchy} (owner or platform). */
    public void nvDefineSpace(TpmsNvPublic publicInfo, Authorization hierarchy) {
        nvDefineSpace(publicInfo, new byte[0], hierarchy);
    }

    /** Defines an NV index with auth value {@code indexAuth} under {@code hierarchy} (owner or platform). */
    public void nvDefineSpace(TpmsNvPublic publicInfo, byte[] indexAuth, Authorization hierarchy) {
        lockedNvPublic.remove(publicInfo.nvIndex());
        execute(new NvDefineSpace(hierarchy.handle(), indexAuth, publicInfo), hierarchy.session());
    }

    public void nvUndefineSpace(int nvIndex, Authorization hierarchy) {
        lockedNvPublic.remove(nvIndex);
        execute(new NvUndefineSpace(hierarchy.handle(), nvIndex), hierarchy.session());
    }

    public void nvWriteLock(int nvIndex, Authorization auth) {
        lockedNvPublic.remove(nvIndex);
        execute(new NvWriteLock(auth.resolve(nvIndex), nvIndex), auth.session());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Objects and sessions.

    /** Creates a primary object from {@code template} in the authorized hierarchy. Flush it when done. */
    public CreatePrimary.Response createPrimary(Authorization hierarchy, TpmtPublic template) {
        return execute(CreatePrimary.of(hierarchy.handle(), template), hierarchy.session());
    }

    /** A loaded object's public area and name; the name is checked against the public area. */
    public ReadPublic.Response readPublic(int objectHandle) {
        ReadPublic.Response resp = execute(new ReadPublic(objectHandle));
        if (TpmAlgId.isHash(resp.outPublic().nameAlg()) && !Names.object(resp.outPublic()).equals(resp.name())) {
            throw new TpmFormatException("TPM2B_NAME name", 0, String.format(
                    "the name of 0x%08x does not match its public area", objectHandle));
        }
        return resp;
    }

    /** Unloads a transient object or ends a session. */
    public void flushContext(int handle) {
        execute(new FlushContext(handle));
    }

    /** Makes a transient object persistent at {@code persistentHandle} (owner authorization). */
    public void evictControl(Authorization auth, int objectHandle, int persistentHandle) {
        execute(new EvictControl(auth.handle(), objectHandle, persistentHandle), auth.session());
    }

    /**
     * Starts a salted, unbound session: a fresh salt is encrypted to {@code tpmKeyPublic} (the public area of the
     * loaded key {@code tpmKey}, e.g. a verified EK), so the session key never crosses the bus. With
     * {@code flags} TPMA_SESSION.DECRYPT / ENCRYPT the session encrypts the first command / response parameter with
     * AES-128-CFB. {@code authValue} is the authorized entity's auth for HMAC sessions (ignored for policy sessions).
     * Close the session to flush it.
     */
    public dev.tpm2j.core.session.KeyedSession startSaltedSession(int tpmKey, TpmtPublic tpmKeyPublic, boolean policy,
                                                                  int authHash, int flags, byte[] authValue) {
        byte[] nonce = new byte[TpmHash.digestSize(authHash)];
        RANDOM.nextBytes(nonce);
        dev.tpm2j.core.crypto.SeedEncryption.Seed salt = dev.tpm2j.core.crypto.SeedEncryption.create(tpmKeyPublic,
                "SECRET");
        byte[] sessionKey = null;
        try {
            StartAuthSession.Response resp = execute(new StartAuthSession(tpmKey, TpmRh.NULL, Bytes.of(nonce),
                    salt.encryptedSecret(), policy ? StartAuthSession.SE_POLICY : StartAuthSession.SE_HMAC,
                    TpmtSymDef.AES_128_CFB, authHash));
            int handle = resp.sessionHandle();
            int expectedType = policy ? TpmHt.POLICY_SESSION : TpmHt.HMAC_SESSION;
            if (TpmHt.of(handle) != expectedType) {
                flushQuietly(handle);
                throw new TpmFormatException("TPM2_StartAuthSession response", 10, String.format(
                        "asked for a %s session, got handle 0x%08x", policy ? "policy" : "HMAC", handle));
            }
            // sessionKey = KDFa(authHash, bindAuth (none) || salt, "ATH", nonceTPM, nonceCaller, digest bits)
            sessionKey = dev.tpm2j.core.crypto.Kdf.kdfa(authHash, salt.seed(), "ATH", resp.nonceTpm().toByteArray(),
                    nonce, 8 * TpmHash.digestSize(authHash));
            AutoCloseable flusher = () -> flushContext(handle);
            return policy
                    ? new PolicySession(handle, authHash, sessionKey, TpmtSymDef.AES_128_CFB, flags, resp.nonceTpm(),
                    flusher)
                    : new dev.tpm2j.core.session.HmacSession(handle, authHash, sessionKey, TpmtSymDef.AES_128_CFB,
                    flags, resp.nonceTpm(), authValue, flusher);
        } finally {
            salt.wipe();
            if (sessionKey != null) {
                Arrays.fill(sessionKey, (byte) 0);
            }
        }
    }

    /** Starts an unsalted, unbound policy session; close it to flush it. */
    public PolicySession startPolicySession(int hashAlg) {
        byte[] nonce = new byte[TpmHash.digestSize(hashAlg)];
        RANDOM.nextBytes(nonce);
        StartAuthSession.Response resp = execute(new StartAuthSession(TpmRh.NULL, TpmRh.NULL, Bytes.of(nonce),
                Bytes.EMPTY, StartAuthSession.SE_POLICY, TpmtSymDef.NULL, hashAlg));
        int handle = resp.sessionHandle();
        if (TpmHt.of(handle) != TpmHt.POLICY_SESSION) {
            flushQuietly(handle);
            throw new TpmFormatException("TPM2_StartAuthSession response", 10, String.format(
                    "asked for a policy session, got handle 0x%08x", handle));
        }
        return new PolicySession(handle, hashAlg, resp.nonceTpm(), () -> flushContext(handle));
    }

    /** Flushes {@code handle}, logging instead of throwing (for clean-up paths). */
    public void flushQuietly(int handle) {
        try {
            flushContext(handle);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "flushing 0x" + Integer.toHexString(handle) + " failed", e);
        }
    }

    /** Closes the transport. Idempotent. */
    @Override
    public void close() {
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
