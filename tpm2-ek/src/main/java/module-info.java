/** tpm2j EK: EK inventory, EK certificate parsing and chains, trust bundles, AIK service URLs. */
module dev.tpm2j.ek {
    requires transitive dev.tpm2j.core;
    requires dev.tpm2j.attest;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires java.net.http;
    exports dev.tpm2j.ek;
    exports dev.tpm2j.ek.der;
    exports dev.tpm2j.ek.readiness;
    exports dev.tpm2j.ek.explain;
    exports dev.tpm2j.ek.keyattest;
}
