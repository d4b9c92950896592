package dev.tpm2j.jca;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.CommandShape;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.EcdhZGen;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.commands.ObjectChangeAuth;
import dev.tpm2j.core.commands.RsaDecrypt;
import dev.tpm2j.core.commands.Sign;
import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One provider's TPM: a single connection (opened on first use), the storage root key at its standard persistent
 * handle, and the provider keys loaded under it. Every TPM command goes through one lock, so many threads share the
 * connection without interleaving; work that needs no TPM (hashing, encoding) happens outside the lock. Keys stay
 * loaded once loaded; when the TPM's object slots run out, the least recently used key is flushed and reloaded from
 * its wrapped blob the next time it is needed.
 */
final class TpmKeyService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TpmKeyService.class.getName());
    /** The SRK's persistent handle (TCG Provisioning Guidance, owner hierarchy, first storage key). */
    static final int SRK_HANDLE = 0x81000001;
    /**
     * Keys kept loaded at most: the TPM's transient slots are few (3 on swtpm), and loading or creating under the
     * persistent SRK takes one more for the SRK itself. When the TPM still runs out, every key is flushed and the
     * command retried once.
     */
    static final int MAX_LOADED = 2;

    private final String tpmSpec;
    private final java.util.function.Supplier<TpmTransport> opener;
    private final ReentrantLock lock = new ReentrantLock();
    private Tpm tpm;
    private Bytes srkName;
    private TpmtPublic srkPublic;
    /** Loaded keys by their private blob, least recently used first. */
    private final LinkedHashMap<Bytes, Integer> loaded = new LinkedHashMap<>(8, 0.75f, true);

    /** A service for the TPM {@code tpmSpec} names ({@code null}: the default TPM, see {@link Tpm#open()}). */
    TpmKeyService(String tpmSpec) {
        this.tpmSpec = tpmSpec;
        this.opener = () -> tpmSpec == null ? Tpm.openTransport() : Tpm.openTransport(tpmSpec);
    }

    /** A service over the transports {@code opener} opens (tests wrap them to count round trips). */
    TpmKeyService(String description, java.util.function.Supplier<TpmTransport> opener) {
        this.tpmSpec = description;
        this.opener = opener;
    }

    /** The selection string, or {@code null} for the default TPM. */
    String tpmSpec() {
        return tpmSpec;
    }

    /** Runs {@code work} holding the lock, with the TPM open and the SRK present. */
    private <T> T locked(java.util.function.Function<Tpm, T> work) {
        lock.lock();
        try {
            if (tpm == null) {
                Tpm opened = Tpm.open(opener.get());
                try {
                    ReadPublic.Response srk = SrkSetup.ensure(opened, SRK_HANDLE);
                    srkName = srk.name();
                    srkPublic = srk.outPublic();
                } catch (RuntimeException e) {
                    opened.close();
                    throw e;
                }
                tpm = opened;
            }
            return work.apply(tpm);
        } finally {
            lock.unlock();
        }
    }

    /** The SRK's name on this TPM (identifies the TPM's owner storage hierarchy). */
    Bytes srkName() {
        return locked(t -> srkName);
    }

    /**
     * Creates a key from {@code template} under the SRK with {@code authValue} (may be empty). A non-empty authValue
     * travels encrypted: the SRK is authorized through a salted HMAC session that encrypts TPM2B_SENSITIVE_CREATE.
     */
    Create.Response create(TpmtPublic template, byte[] authValue) {
        // the structure keeps (and wipe() zeroes) the array it is given: give it a copy, the caller keeps its own
        TpmsSensitiveCreate sensitive = new TpmsSensitiveCreate(authValue.clone(), Bytes.EMPTY);
        Create create = new Create(SRK_HANDLE, sensitive, template, Bytes.EMPTY, TpmlPcrSelection.EMPTY);
        try {
            return locked(t -> {
                try {
                    return createOnce(t, create, authValue.length > 0);
                } catch (TpmResponseException e) {
                    if (!e.is(TpmRc.OBJECT_MEMORY) || loaded.isEmpty()) {
                        throw e;
                    }
                    evictAll(t);
                    return createOnce(t, create, authValue.length > 0);
                }
            });
        } finally {
            sensitive.wipe();
        }
    }

    private Create.Response createOnce(Tpm t, Create create, boolean secret) {
        if (!secret) {
            return t.execute(create, List.of(Authorization.of(SRK_HANDLE, PasswordSession.empty())));
        }
        try (KeyedSession session = t.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(SRK_HANDLE, srkPublic)
                .withEncryption(TpmtSymDef.AES_128_CFB, true, false))) {
            session.endWithNextCommand();
            return t.execute(create, List.of(Authorization.of(SRK_HANDLE, session, new byte[0])));
        }
    }

    /** TPM2_Sign of {@code digest} by {@code key}. */
    TpmtSignature sign(TpmPrivateKey key, Bytes digest, TpmtSigScheme scheme) {
        return withKey(key, h -> Sign.of(h, digest, scheme));
    }

    /** TPM2_RSA_Decrypt by {@code key}. */
    Bytes rsaDecrypt(TpmPrivateKey key, Bytes cipherText, int scheme, int hashAlg, Bytes label) {
        return withKey(key, h -> new RsaDecrypt(h, cipherText, scheme, hashAlg, label));
    }

    /** TPM2_ECDH_ZGen by {@code key} with the peer's point. */
    TpmsEccPoint ecdhZGen(TpmPrivateKey key, TpmsEccPoint peer) {
        return withKey(key, h -> new EcdhZGen(h, peer));
    }

    /**
     * Proves {@code key}'s authValue to the TPM without using the key: TPM2_ObjectChangeAuth to the same value (the
     * new blob is discarded). A wrong value fails with TPM_RC_AUTH_FAIL and counts once against dictionary-attack
     * protection, as any use of the key would.
     */
    void checkAuthValue(TpmPrivateKey key) {
        byte[] auth = key.authValue();
        try {
            withKey(key, h -> new ObjectChangeAuth(h, SRK_HANDLE, auth));
        } finally {
            java.util.Arrays.fill(auth, (byte) 0);
        }
    }

    /**
     * TPM2_Certify of {@code key} (ADMIN role, its authValue) by the loaded AK {@code akHandle} (USER role,
     * {@code akAuth}) over {@code nonce}.
     */
    Certify.Response certify(TpmPrivateKey key, int akHandle, byte[] akAuth, Bytes nonce) {
        try (PasswordSession akPassword = PasswordSession.of(akAuth)) {
            return withKey(key, h -> new Certify(h, akHandle, nonce, TpmtSigScheme.NULL),
                    Authorization.of(akHandle, akPassword));
        }
    }

    /**
     * Runs {@code work} on this service's TPM connection, holding its lock, after flushing the keys kept loaded (so
     * {@code work} has the TPM's object slots; they are loaded again when next used).
     */
    <T> T withTpm(java.util.function.Function<Tpm, T> work) {
        return locked(t -> {
            evictAll(t);
            return work.apply(t);
        });
    }

    /** TPM_PT_LOCKOUT_COUNTER: authorization failures counted by dictionary-attack protection. */
    int lockoutCounter() {
        return locked(t -> t.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow());
    }

    /**
     * Runs the command {@code make} builds for {@code key}'s loaded handle, the key authorized first and then
     * {@code more}. A key without an authValue is authorized with the empty password; a key with one through a salted
     * HMAC session (salt encrypted to the SRK, so the session key never crosses the bus), which also encrypts the
     * command's and response's first TPM2B parameter where the command has one (a new authValue, a decrypted message,
     * an ECDH point) and ends with the command.
     */
    private <R> R withKey(TpmPrivateKey key, java.util.function.IntFunction<TpmCommand<R>> make,
                          Authorization... more) {
        byte[] auth = key.authValue();
        try {
            return locked(t -> {
                int handle = loadedHandle(t, key);
                TpmCommand<R> command = make.apply(handle);
                if (auth.length == 0) {
                    return t.execute(command, authorizations(Authorization.of(handle, PasswordSession.empty()), more));
                }
                CommandShape shape = command.shape();
                try (KeyedSession session = t.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                        .withSalt(SRK_HANDLE, srkPublic)
                        .withEncryption(TpmtSymDef.AES_128_CFB, shape.encryptsCommand(), shape.encryptsResponse()))) {
                    session.endWithNextCommand();
                    return t.execute(command, authorizations(Authorization.of(handle, session, auth), more));
                }
            });
        } finally {
            java.util.Arrays.fill(auth, (byte) 0);
        }
    }

    private static List<Authorization> authorizations(Authorization first, Authorization... more) {
        List<Authorization> all = new java.util.ArrayList<>(1 + more.length);
        all.add(first);
        all.addAll(List.of(more));
        return all;
    }

    /** The key's transient handle, loading it (and making room) when needed. Call with the lock held. */
    private int loadedHandle(Tpm t, TpmPrivateKey key) {
        Integer handle = loaded.get(key.privateBlob());
        if (handle != null) {
            return handle;
        }
        while (loaded.size() >= MAX_LOADED) {
            evictOldest(t);
        }
        Load load = new Load(SRK_HANDLE, key.privateBlob(), key.publicArea());
        List<Authorization> srk = List.of(Authorization.of(SRK_HANDLE, PasswordSession.empty()));
        Load.Response r;
        try {
            r = t.execute(load, srk);
        } catch (TpmResponseException e) {
            if (!e.is(TpmRc.OBJECT_MEMORY) || loaded.isEmpty()) {
                throw e;
            }
            evictAll(t);
            r = t.execute(load, srk);
        }
        loaded.put(key.privateBlob(), r.objectHandle());
        return r.objectHandle();
    }

    /** Flushes every key this service loaded (the SRK, when used, needs a slot too). */
    private void evictAll(Tpm t) {
        while (!loaded.isEmpty()) {
            evictOldest(t);
        }
    }

    private void evictOldest(Tpm t) {
        Iterator<Map.Entry<Bytes, Integer>> it = loaded.entrySet().iterator();
        int handle = it.next().getValue();
        it.remove();
        t.flushQuietly(handle);
    }

    /** Whether {@code attributes} allow the use a provider key is made for. */
    static boolean isProviderKey(TpmaObject attributes) {
        return !attributes.has(TpmaObject.RESTRICTED)
                && (attributes.has(TpmaObject.SIGN_ENCRYPT) || attributes.has(TpmaObject.DECRYPT));
    }

    /** Flushes the loaded keys and closes the connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (tpm != null) {
                loaded.values().forEach(tpm::flushQuietly);
                loaded.clear();
                tpm.close();
                tpm = null;
            }
        } finally {
            lock.unlock();
        }
        LOG.log(System.Logger.Level.DEBUG, "closed the TPM connection");
    }

    /** The SRK template used when the persistent SRK is absent. */
    static TpmtPublic srkTemplate() {
        return KeyTemplates.SRK_RSA2048;
    }
}
