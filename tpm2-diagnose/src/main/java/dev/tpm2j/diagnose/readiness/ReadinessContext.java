package dev.tpm2j.diagnose.readiness;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import java.time.Instant;
import java.util.List;

/**
 * What the checks share: the TPM, the options, and the EK inventory and chain verdict, each computed once on first
 * use (so a check list without them sends no extra TPM commands).
 */
public final class ReadinessContext {
    private final Tpm tpm;
    private final Readiness.Options options;
    private EkInventory inventory;
    private EkChain.Result chain;

    ReadinessContext(Tpm tpm, Readiness.Options options) {
        this.tpm = tpm;
        this.options = options;
    }

    /** The TPM under assessment. */
    public Tpm tpm() {
        return tpm;
    }

    /** The options the caller gave. */
    public Readiness.Options options() {
        return options;
    }

    /** The EK inventory (read on first use). */
    public EkInventory inventory() {
        if (inventory == null) {
            inventory = EkInventory.read(tpm);
        }
        return inventory;
    }

    /** The EK certificates that parsed. */
    public List<EkInventory.EkCertificate> parsedEkCertificates() {
        return inventory().ekCertificates().stream().filter(e -> e.certificate().isPresent()).toList();
    }

    /** The first parsed EK certificate, or null when there is none. */
    public EkInventory.EkCertificate primary() {
        List<EkInventory.EkCertificate> parsed = parsedEkCertificates();
        return parsed.isEmpty() ? null : parsed.get(0);
    }

    /** The primary EK certificate's chain verdict (verified on first use), or null without an EK certificate. */
    public EkChain.Result chain() {
        if (chain == null && primary() != null) {
            chain = inventory().verifyChain(primary(), options.trust(), List.of(), Instant.now(), options.fetcher());
        }
        return chain;
    }
}
