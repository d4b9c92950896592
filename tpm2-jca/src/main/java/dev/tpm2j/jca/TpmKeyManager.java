package dev.tpm2j.jca;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * An {@link X509ExtendedKeyManager} that presents one TPM key and its certificate chain, for TLS client
 * authentication (or a TLS server). JSSE signs the handshake through {@code Signature.getInstance}, so the
 * {@code TPM2J} provider that holds the key must be installed ({@code Security.addProvider}).
 *
 * <pre>{@code
 * Security.addProvider(tpm);
 * SSLContext ctx = TpmKeyManager.of(keyStore, "client", password).sslContext("TLSv1.3", trustManagers);
 * }</pre>
 */
public final class TpmKeyManager extends X509ExtendedKeyManager {
    private final String alias;
    private final TpmPrivateKey key;
    private final X509Certificate[] chain;

    /** Presents {@code key} with {@code chain} (leaf first, for the key) under {@code alias}. */
    public TpmKeyManager(String alias, TpmPrivateKey key, X509Certificate[] chain) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.key = Objects.requireNonNull(key, "key");
        if (chain == null || chain.length == 0
                || !dev.tpm2j.core.crypto.PublicKeys.sameKey(chain[0].getPublicKey(), key.publicArea())) {
            throw new IllegalArgumentException("the chain must start with the certificate for this key");
        }
        this.chain = chain.clone();
    }

    /**
     * The key and chain under {@code alias} in a {@code TPM2} key store; the password is the key's. Throws
     * {@link UnrecoverableTpmKeyException} for a wrong password or a key of another TPM, {@link KeyStoreException}
     * when the alias holds no TPM key with a certificate chain.
     */
    public static TpmKeyManager of(KeyStore keyStore, String alias, char[] password)
            throws KeyStoreException, UnrecoverableKeyException, NoSuchAlgorithmException {
        if (!(keyStore.getKey(alias, password) instanceof TpmPrivateKey k)) {
            throw new KeyStoreException("'" + alias + "' holds no TPM2J key");
        }
        Certificate[] certs = keyStore.getCertificateChain(alias);
        if (certs == null || certs.length == 0) {
            throw new KeyStoreException("'" + alias + "' has no certificate chain");
        }
        X509Certificate[] x = Arrays.stream(certs).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        return new TpmKeyManager(alias, k, x);
    }

    /**
     * A new {@link SSLContext} of {@code protocol} ("TLS", "TLSv1.3", …) presenting this key and trusting what
     * {@code trustManagers} trust ({@code null}: the JDK's defaults).
     */
    public SSLContext sslContext(String protocol, TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance(protocol);
        try {
            ctx.init(new javax.net.ssl.KeyManager[] {this}, trustManagers, null);
        } catch (KeyManagementException e) {
            throw new GeneralSecurityException("cannot initialise " + protocol, e);
        }
        return ctx;
    }

    private boolean fits(String keyType, Principal[] issuers) {
        if (keyType == null) {
            return false;
        }
        String mine = key.getAlgorithm();
        boolean type = keyType.equalsIgnoreCase(mine) || keyType.startsWith(mine + "_")
                || (mine.equals("RSA") && keyType.equalsIgnoreCase("RSASSA-PSS"));
        if (!type) {
            return false;
        }
        if (issuers == null || issuers.length == 0) {
            return true;
        }
        List<Principal> wanted = Arrays.asList(issuers);
        for (X509Certificate c : chain) {
            if (wanted.contains(c.getIssuerX500Principal()) || wanted.contains(c.getSubjectX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private String choose(String[] keyTypes, Principal[] issuers) {
        if (keyTypes != null) {
            for (String t : keyTypes) {
                if (fits(t, issuers)) {
                    return alias;
                }
            }
        }
        return null;
    }

    /** This alias when the key fits one of {@code keyType}s and the chain one of {@code issuers}, else null. */
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, issuers);
    }

    /** As {@link #chooseClientAlias(String[], Principal[], Socket)}. */
    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, issuers);
    }

    /** This alias when the key fits {@code keyType} and the chain one of {@code issuers}, else null. */
    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType, issuers) ? alias : null;
    }

    /** As {@link #chooseServerAlias(String, Principal[], Socket)}. */
    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType, issuers) ? alias : null;
    }

    /** This alias when the key fits, else null. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType, issuers) ? new String[] {alias} : null;
    }

    /** This alias when the key fits, else null. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType, issuers) ? new String[] {alias} : null;
    }

    /** The chain for this alias (a copy), else null. */
    @Override
    public X509Certificate[] getCertificateChain(String a) {
        return alias.equals(a) ? chain.clone() : null;
    }

    /** The TPM key for this alias, else null. */
    @Override
    public TpmPrivateKey getPrivateKey(String a) {
        return alias.equals(a) ? key : null;
    }
}
