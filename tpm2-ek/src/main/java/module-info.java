/** tpm2j EK: EK inventory, EK certificate parsing and chains, trust bundles (the shipped one in one call), AIK service URLs, AIK activation. */
module dev.tpm2j.ek {
    requires transitive dev.tpm2j.core;
    requires dev.tpm2j.trustbundle;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires java.net.http;
    exports dev.tpm2j.ek;
    exports dev.tpm2j.ek.der;
}
