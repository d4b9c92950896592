package dev.tpm2j.core;

import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.FlushContext;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.commands.NvChangeAuth;
import dev.tpm2j.core.commands.NvReadPublic;
import dev.tpm2j.core.commands.PolicyAuthValue;
import dev.tpm2j.core.commands.PolicyGetDigest;
import dev.tpm2j.core.commands.PolicyPassword;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.HmacSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A TPM 2.0 over a {@link TpmTransport}: typed commands in, typed responses out, every response checked.
 * One command is on the wire at a time; the facade is safe to share between threads. The work is done by a
 * package-private pipeline (marshal → authorize → transmit → check → decrypt → parse → retry) and services with one
 * job each: entity names and caches, capabilities, NV storage, the session factory.
 *
 * <pre>{@code
 * try (Tpm tpm = Tpm.open(transport)) {
 *     byte[] cert = tpm.nvRead(0x01C00002);
 * }
 * }</pre>
 */
public final class Tpm implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Tpm.class.getName());
    /** Used when the TPM does not report TPM_PT_NV_BUFFER_MAX (or reports nonsense). */
    public static final int DEFAULT_NV_BUFFER = 512;
    /** Upper bound on GetCapability pages for one query, so a TPM that says "moreData" forever cannot hang us. */
    static final int MAX_CAPABILITY_PAGES = 256;

    private final CommandPipeline pipeline;
    private final EntityNames names;
    private final Capabilities capabilities;
    private final NvStorage nv;
    private final SessionFactory sessions;

    private Tpm(TpmTransport transport, RetryPolicy retryPolicy) {
        this.pipeline = new CommandPipeline(transport, retryPolicy);
        this.names = pipeline.names();
        this.capabilities = new Capabilities(pipeline);
        this.nv = new NvStorage(pipeline, capabilities);
        this.sessions = new SessionFactory(pipeline);
    }

    /** A TPM over {@code transport} with the default retry policy. Closing the Tpm closes the transport. */
    public static Tpm open(TpmTransport transport) {
        return open(transport, RetryPolicy.DEFAULT);
    }

    /** A TPM over {@code transport} retrying as {@code retryPolicy} says. Closing the Tpm closes the transport. */
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

    /** The transport this Tpm talks over. */
    public TpmTransport transport() {
        return pipeline.transport();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands.

    /**
     * Runs {@code command} with one session per authorized handle (in handle order), then any encrypt/decrypt/audit
     * sessions, and returns its typed response. Throws {@link TpmResponseException} for an error code,
     * {@link dev.tpm2j.core.marshal.TpmFormatException} for a malformed response,
     * {@link dev.tpm2j.core.session.TpmSessionException} when a session check fails, and
     * {@link TpmTransportException} when the transport fails.
     */
    public <R> R execute(TpmCommand<R> command, AuthSession... sessions) {
        return pipeline.execute(command, sessions);
    }

    /**
     * Runs {@code command} with one {@link Authorization} per authorized handle (in handle order; each may carry the
     * entity's authValue, which keys HMACs and parameter encryption) and then {@code extraSessions} that only
     * encrypt, decrypt or audit.
     */
    public <R> R execute(TpmCommand<R> command, List<Authorization> authorizations, AuthSession... extraSessions) {
        int[] handles = command.handles();
        if (authorizations.size() != command.shape().authHandleCount()) {
            throw new IllegalArgumentException(command.getClass().getSimpleName() + " has "
                    + command.shape().authHandleCount() + " authorized handle(s), got " + authorizations.size()
                    + " authorization(s)");
        }
        int n = authorizations.size() + extraSessions.length;
        AuthSession[] all = new AuthSession[n];
        byte[][] auths = new byte[n][];
        for (int i = 0; i < authorizations.size(); i++) {
            Authorization a = authorizations.get(i);
            if (a.handle() != Authorization.THE_INDEX && a.handle() != handles[i]) {
                throw new IllegalArgumentException(String.format("authorization %d is for 0x%08x, the command's "
                        + "handle is 0x%08x", i, a.handle(), handles[i]));
            }
            all[i] = a.session();
            auths[i] = a.authValue();
        }
        System.arraycopy(extraSessions, 0, all, authorizations.size(), extraSessions.length);
        return pipeline.execute(command, all, auths);
    }

    /**
     * The TPM name of an entity: the handle itself for permanent, PCR and session handles; for NV indices and
     * objects, the name read from the TPM and checked against the public area it came with.
     */
    public Bytes nameOf(int handle) {
        return pipeline.operation(() -> names.nameOf(handle));
    }

    /**
     * Forgets every cached name and public area (transient objects' names, NV indices write-locked for good), e.g.
     * after another program reloaded contexts into this connection. Persistent objects' and other NV indices' names are
     * never trusted beyond the operation that read them, so a key re-persisted by another program is never
     * authorized with a stale name.
     */
    public void forgetNames() {
        names.clear();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Capabilities.

    /** Random bytes from the TPM's RNG, as many GetRandom calls as needed. */
    public byte[] getRandom(int count) {
        return capabilities.getRandom(count);
    }

    /**
     * Every handle of one type (the type of {@code firstHandle}) from {@code firstHandle} on, paging GetCapability
     * while the TPM says more data follows (bounded, and each page must make progress).
     */
    public List<Integer> getHandles(int firstHandle) {
        return capabilities.getHandles(firstHandle);
    }

    /**
     * Handles in {@code [firstHandle, lastHandle]} (one handle type), paged; stops asking once a page passes
     * {@code lastHandle}, so a range costs no more round trips than it needs.
     */
    public List<Integer> getHandles(int firstHandle, int lastHandle) {
        return capabilities.getHandles(firstHandle, lastHandle);
    }

    /** TPM properties from {@code first} on, up to {@code count}, paged. */
    public Map<Integer, Integer> getProperties(int first, int count) {
        return capabilities.getProperties(first, count);
    }

    /**
     * All fixed properties (TPM_PT 0x100–0x1FF: manufacturer, vendor strings, firmware, limits such as
     * NV_BUFFER_MAX), read once per Tpm — usually one GetCapability — and served from memory afterwards.
     */
    public Map<Integer, Integer> fixedProperties() {
        return capabilities.fixedProperties();
    }

    /** One TPM property, if the TPM reports it; fixed properties come from the cache once read. */
    public OptionalInt getProperty(int property) {
        return capabilities.getProperty(property);
    }

    /**
     * TPM_PT_NV_BUFFER_MAX, asked once per Tpm and cached; {@value #DEFAULT_NV_BUFFER} if the TPM does not say or
     * claims something outside 1..2048.
     */
    public int nvBufferMax() {
        return capabilities.nvBufferMax();
    }

    // ------------------------------------------------------------------------------------------------------------
    // NV storage.

    /**
     * An NV index's public area and name; the name is checked against the public area. Read from the TPM every time,
     * except for an index write-locked for good (TPMA_NV_WRITEDEFINE and WRITELOCKED), kept until it is changed through
     * this Tpm or {@link #forgetNames()}.
     */
    public NvReadPublic.Response nvReadPublic(int nvIndex) {
        return pipeline.operation(() -> names.nvReadPublic(nvIndex));
    }

    /** Reads a whole NV index, authorized by the index itself with an empty password. */
    public byte[] nvRead(int nvIndex) {
        return nvRead(nvIndex, Authorization.nvIndex());
    }

    /** Reads a whole NV index: NV_ReadPublic for the size, then NV_Read chunks of {@link #nvBufferMax()}. */
    public byte[] nvRead(int nvIndex, Authorization auth) {
        return pipeline.operation(() -> {
            int size = names.nvReadPublic(nvIndex).nvPublic().dataSize();
            return nv.read(nvIndex, 0, size, auth, new AuthSession[0]);
        });
    }

    /**
     * Reads a whole index whose public area the caller already has (no second NV_ReadPublic): only the NV_Read
     * chunks. The caller vouches that {@code nvPublic} came from this TPM.
     */
    public byte[] nvRead(TpmsNvPublic nvPublic, Authorization auth) {
        return pipeline.operation(() -> {
            names.vouchNv(nvPublic);
            return nv.read(nvPublic.nvIndex(), 0, nvPublic.dataSize(), auth, new AuthSession[0]);
        });
    }

    /**
     * Reads {@code size} bytes at {@code offset}, chunked; {@code extraSessions} (e.g. a salted HMAC session that
     * encrypts responses) join every chunk.
     */
    public byte[] nvRead(int nvIndex, int offset, int size, Authorization auth, AuthSession... extraSessions) {
        return nv.read(nvIndex, offset, size, auth, extraSessions);
    }

    /** Writes {@code data} at offset 0 authorized by the index itself, chunked. */
    public void nvWrite(int nvIndex, byte[] data) {
        nvWrite(nvIndex, 0, data, Authorization.nvIndex());
    }

    /**
     * Writes {@code data} at {@code offset}, in chunks of {@link #nvBufferMax()}; {@code extraSessions} (e.g. a salted
     * HMAC session that encrypts the data) join every chunk. Refused before the first chunk when a policy session
     * would be used up after it.
     */
    public void nvWrite(int nvIndex, int offset, byte[] data, Authorization auth, AuthSession... extraSessions) {
        nv.write(nvIndex, offset, data, auth, extraSessions);
    }

    /** Defines an NV index with an empty auth value under {@code hierarchy} (owner or platform). */
    public void nvDefineSpace(TpmsNvPublic publicInfo, Authorization hierarchy) {
        nvDefineSpace(publicInfo, new byte[0], hierarchy);
    }

    /** Defines an NV index with auth value {@code indexAuth} under {@code hierarchy} (owner or platform). */
    public void nvDefineSpace(TpmsNvPublic publicInfo, byte[] indexAuth, Authorization hierarchy) {
        nv.define(publicInfo, indexAuth, hierarchy);
    }

    /** Deletes an NV index ({@code hierarchy}: the owner or platform that defined it). */
    public void nvUndefineSpace(int nvIndex, Authorization hierarchy) {
        nv.undefine(nvIndex, hierarchy);
    }

    /** Write-locks an NV index (TPMA_NV_WRITEDEFINE or WRITE_STCLEAR). */
    public void nvWriteLock(int nvIndex, Authorization auth) {
        nv.writeLock(nvIndex, auth);
    }

    /**
     * Changes an NV index's authValue (TPM2_NV_ChangeAuth; {@code auth} is a policy session in the ADMIN role with
     * PolicyCommandCode(NV_ChangeAuth)). Send {@code newAuth} under a decrypting session when the bus is not trusted.
     */
    public void nvChangeAuth(int nvIndex, Authorization auth, byte[] newAuth, AuthSession... extraSessions) {
        execute(new NvChangeAuth(nvIndex, newAuth), List.of(auth), extraSessions);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Hierarchies and objects.

    /**
     * Changes a hierarchy's authValue (TPM2_HierarchyChangeAuth). An HMAC session in {@code hierarchy} follows the
     * change: the response is checked with {@code newAuth}, and so are the session's later commands.
     */
    public void hierarchyChangeAuth(Authorization hierarchy, byte[] newAuth, AuthSession... extraSessions) {
        execute(new HierarchyChangeAuth(hierarchy.handle(), newAuth), List.of(hierarchy), extraSessions);
    }

    /** Creates a primary object from {@code template} in the authorized hierarchy. Flush it when done. */
    public CreatePrimary.Response createPrimary(Authorization hierarchy, TpmtPublic template) {
        return execute(CreatePrimary.of(hierarchy.handle(), template), List.of(hierarchy));
    }

    /** A loaded object's public area and name; the name is checked against the public area. */
    public ReadPublic.Response readPublic(int objectHandle) {
        return names.readPublic(objectHandle);
    }

    /** Unloads a transient object or ends a session. */
    public void flushContext(int handle) {
        execute(new FlushContext(handle));
    }

    /** Makes a transient object persistent at {@code persistentHandle} (owner authorization). */
    public void evictControl(Authorization auth, int objectHandle, int persistentHandle) {
        execute(new EvictControl(auth.handle(), objectHandle, persistentHandle), List.of(auth));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Sessions.

    /**
     * Starts an HMAC session as {@code options} ({@link SessionOptions#hmac}) describe: salted to a loaded key or not,
     * bound or not, with AES-128/256-CFB or XOR parameter encryption, auditing or not. The session holds no entity's
     * authValue: give it with each {@link Authorization}. Close it to flush it.
     */
    public HmacSession startHmacSession(SessionOptions options) {
        if (options.kind() != SessionOptions.Kind.HMAC) {
            throw new IllegalArgumentException("startHmacSession takes SessionOptions.hmac(...), got " + options.kind());
        }
        return (HmacSession) sessions.start(options);
    }

    /**
     * Starts a policy or trial session as {@code options} ({@link SessionOptions#policy}, {@link SessionOptions#trial})
     * describe. The TPM uses up its policy with each command it authorizes: send the policy commands before each use,
     * or let the Tpm do it with {@link #startPolicySession(SessionOptions, SessionPolicy)} (needed for chunked NV
     * reads and writes). Close it to flush it.
     */
    public PolicySession startPolicySession(SessionOptions options) {
        if (options.kind() == SessionOptions.Kind.HMAC) {
            throw new IllegalArgumentException("startPolicySession takes SessionOptions.policy(...) or trial(...)");
        }
        return (PolicySession) sessions.start(options);
    }

    /**
     * Starts a policy session that carries {@code policy}: before each command the session authorizes, the Tpm runs
     * the policy on it (after TPM2_PolicyRestart when the session's last command failed), so one session serves a
     * chunked NV read or write and any number of commands. Close it to flush it.
     */
    public PolicySession startPolicySession(SessionOptions options, SessionPolicy policy) {
        java.util.Objects.requireNonNull(policy, "policy");
        if (options.kind() != SessionOptions.Kind.POLICY) {
            throw new IllegalArgumentException("a session that carries a policy is a SessionOptions.policy(...) one");
        }
        PolicySession s = (PolicySession) sessions.start(options);
        names.carry(s, () -> policy.apply(this, s));
        return s;
    }

    /** TPM2_PolicyAuthValue on {@code session}: its next authorization proves the entity's authValue by HMAC. */
    public void policyAuthValue(PolicySession session) {
        execute(new PolicyAuthValue(session.handle()));
        session.policyAuthValueAsserted();
    }

    /** TPM2_PolicyPassword on {@code session}: its next authorization carries the entity's authValue in clear. */
    public void policyPassword(PolicySession session) {
        execute(new PolicyPassword(session.handle()));
        session.policyPasswordAsserted();
    }

    /** The policy digest of {@code session} (TPM2_PolicyGetDigest). */
    public Bytes policyGetDigest(PolicySession session) {
        return execute(new PolicyGetDigest(session.handle())).policyDigest();
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
        pipeline.close();
    }
}
