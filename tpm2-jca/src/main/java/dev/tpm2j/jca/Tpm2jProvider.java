package dev.tpm2j.jca;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.util.List;
import java.util.Map;

/**
 * The {@code TPM2J} security provider: private keys made in and never leaving a TPM 2.0, used through the standard
 * Java APIs.
 * <ul>
 *   <li>KeyPairGenerator RSA (2048, 3072) and EC (P-256, P-384), keys created under the SRK at 0x81000001;</li>
 *   <li>Signature SHA256withRSA, SHA384withRSA, RSASSA-PSS, SHA256withECDSA, SHA384withECDSA (signing);</li>
 *   <li>KeyStore TPM2 (a file of wrapped keys and certificate chains);</li>
 *   <li>KeyAgreement ECDH and Cipher RSA (decryption) for keys made for decryption.</li>
 * </ul>
 * Which TPM: {@link #configure(String)} with a selection string as the CLI's {@code --tpm} takes
 * ({@code swtpm:host=127.0.0.1,port=2321}, {@code device:/dev/tpmrm0}, {@code tbs}); unconfigured, the default TPM
 * ({@code TPM2J_TPM}, {@code TPM2TOOLS_TCTI}, then the platform TPM). The TPM is opened on first use, and one
 * connection serves every thread.
 *
 * <pre>{@code
 * Provider tpm = Security.getProvider("TPM2J").configure("device:/dev/tpmrm0");
 * Security.addProvider(tpm);
 * KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", tpm);
 * }</pre>
 */
public final class Tpm2jProvider extends Provider {
    private static final long serialVersionUID = 1L;
    /** The provider name. */
    public static final String NAME = "TPM2J";
    private static final String RSA_KEY = "dev.tpm2j.jca.TpmRsaPrivateKey";
    private static final String EC_KEY = "dev.tpm2j.jca.TpmEcPrivateKey";

    private final transient TpmKeyService service;

    /** The provider for the default TPM (what {@code ServiceLoader} and the {@code java.security} list create). */
    public Tpm2jProvider() {
        this((String) null);
    }

    private Tpm2jProvider(String tpmSpec) {
        this(new TpmKeyService(tpmSpec));
    }

    /** A provider over {@code service} (tests give one whose transport counts round trips). */
    Tpm2jProvider(TpmKeyService service) {
        super(NAME, "0.1", "tpm2j: TPM 2.0 keys through JCA (KeyPairGenerator, Signature, KeyStore TPM2, "
                + "KeyAgreement ECDH, Cipher RSA)" + (service.tpmSpec() == null ? "" : " on " + service.tpmSpec()));
        this.service = service;
        register();
    }

    /**
     * A new provider instance for the TPM {@code configArg} selects (the CLI's {@code --tpm} strings; blank: the
     * default TPM). This instance is unchanged.
     */
    @Override
    public Provider configure(String configArg) {
        String spec = configArg == null || configArg.isBlank() ? null : configArg.strip();
        return new Tpm2jProvider(spec);
    }

    /** The TPM selection string this provider was configured with, or {@code null} for the default TPM. */
    public String tpmSpec() {
        return service.tpmSpec();
    }

    /**
     * Flushes the keys this provider loaded and closes its TPM connection; the next use opens it again. Keys stay
     * valid.
     */
    public void disconnect() {
        service.close();
    }

    /**
     * Runs {@code work} on this provider's TPM connection while no provider operation runs (one connection serves
     * everything; a simulator accepts only one). For what the provider does not do itself, such as creating and
     * activating the attestation key that certifies a provider key ({@link TpmKeyAttestation}). The provider's
     * loaded keys are flushed first, so {@code work} has the TPM's object slots. Flush what {@code work} loads.
     */
    public <T> T withTpm(java.util.function.Function<dev.tpm2j.core.Tpm, T> work) {
        return service.withTpm(work);
    }

    TpmKeyService service() {
        return service;
    }

    private void register() {
        add("KeyPairGenerator", "RSA", "TpmKeyPairGenerator", List.of("1.2.840.113549.1.1.1"),
                Map.of("ImplementedIn", "Hardware", "KeySize", "3072"));
        add("KeyPairGenerator", "EC", "TpmKeyPairGenerator", List.of("EllipticCurve", "1.2.840.10045.2.1"),
                Map.of("ImplementedIn", "Hardware", "KeySize", "384"));
        Map<String, String> rsa = Map.of("ImplementedIn", "Hardware", "SupportedKeyClasses", RSA_KEY);
        Map<String, String> ec = Map.of("ImplementedIn", "Hardware", "SupportedKeyClasses", EC_KEY);
        add("Signature", "SHA256withRSA", "TpmSignature", List.of("1.2.840.113549.1.1.11",
                "OID.1.2.840.113549.1.1.11"), rsa);
        add("Signature", "SHA384withRSA", "TpmSignature", List.of("1.2.840.113549.1.1.12",
                "OID.1.2.840.113549.1.1.12"), rsa);
        add("Signature", "RSASSA-PSS", "TpmSignature", List.of("1.2.840.113549.1.1.10", "OID.1.2.840.113549.1.1.10",
                "PSS"), rsa);
        add("Signature", "SHA256withECDSA", "TpmSignature", List.of("1.2.840.10045.4.3.2",
                "OID.1.2.840.10045.4.3.2"), ec);
        add("Signature", "SHA384withECDSA", "TpmSignature", List.of("1.2.840.10045.4.3.3",
                "OID.1.2.840.10045.4.3.3"), ec);
        add("KeyAgreement", "ECDH", "TpmEcdh", List.of(), ec);
        add("Cipher", "RSA", "TpmRsaCipher", List.of(), Map.of("ImplementedIn", "Hardware",
                "SupportedKeyClasses", RSA_KEY, "SupportedModes", "ECB|NONE", "SupportedPaddings",
                "PKCS1PADDING|OAEPPADDING|OAEPWITHSHA-1ANDMGF1PADDING|OAEPWITHSHA-256ANDMGF1PADDING"
                        + "|OAEPWITHSHA-384ANDMGF1PADDING"));
        add("KeyStore", "TPM2", "TpmKeyStore", List.of(), Map.of("ImplementedIn", "Software"));
    }

    private void add(String type, String algorithm, String simpleClass, List<String> aliases,
                     Map<String, String> attributes) {
        putService(new TpmService(this, type, algorithm, "dev.tpm2j.jca." + simpleClass, aliases, attributes));
    }

    /** A service constructed directly (the SPI classes are not public). */
    private static final class TpmService extends Provider.Service {
        TpmService(Tpm2jProvider provider, String type, String algorithm, String className, List<String> aliases,
                   Map<String, String> attributes) {
            super(provider, type, algorithm, className, aliases, attributes);
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            TpmKeyService s = ((Tpm2jProvider) getProvider()).service;
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException("no constructor parameter for " + getType());
            }
            return switch (getType() + "." + getAlgorithm()) {
                case "KeyPairGenerator.RSA" -> new TpmKeyPairGenerator(s, "RSA");
                case "KeyPairGenerator.EC" -> new TpmKeyPairGenerator(s, "EC");
                case "Signature.SHA256withRSA" -> new TpmSignature(TpmSignature.Kind.RSASSA, "SHA-256");
                case "Signature.SHA384withRSA" -> new TpmSignature(TpmSignature.Kind.RSASSA, "SHA-384");
                case "Signature.RSASSA-PSS" -> new TpmSignature(TpmSignature.Kind.RSAPSS, null);
                case "Signature.SHA256withECDSA" -> new TpmSignature(TpmSignature.Kind.ECDSA, "SHA-256");
                case "Signature.SHA384withECDSA" -> new TpmSignature(TpmSignature.Kind.ECDSA, "SHA-384");
                case "KeyAgreement.ECDH" -> new TpmEcdh();
                case "Cipher.RSA" -> new TpmRsaCipher();
                case "KeyStore.TPM2" -> new TpmKeyStore(s);
                default -> throw new ProviderException("no implementation for " + getType() + "." + getAlgorithm());
            };
        }
    }
}
