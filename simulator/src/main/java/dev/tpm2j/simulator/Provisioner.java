package dev.tpm2j.simulator;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link Profile} with tpm2j's own NV commands under platform authorization, with the attributes real TPMs
 * report for EK certificate and chain indices ({@code testdata/real-nv}): platform-created, platform-writable and
 * <em>not</em> write-locked, as no public dump of a real device shows a lock.
 */
final class Provisioner {
    static final int RSA_EK_CERT = 0x01C00002;
    static final int ECC_P256_EK_CERT = 0x01C0000A;
    static final int SWTPM_ECC_P384_EK_CERT = 0x01C00016;
    static final int CHAIN_FIRST = 0x01C00100;
    /** How many chain bytes one index holds before the next index takes the overflow. */
    static final int CHAIN_INDEX_CAPACITY = 1024;
    /**
     * PPWRITE|WRITEDEFINE|PPREAD|OWNERREAD|AUTHREAD|NO_DA|PLATFORMCREATE; the first write adds WRITTEN, giving
     * 0x62072001, the value public {@code tpm2_nvreadpublic} dumps of real TPMs show (testdata/real-nv/nv-public.tsv).
     */
    static final TpmaNv CERT_INDEX_ATTRIBUTES = TpmaNv.of(TpmaNv.PPWRITE, TpmaNv.WRITEDEFINE, TpmaNv.PPREAD,
            TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.NO_DA, TpmaNv.PLATFORMCREATE);

    private Provisioner() {
    }

    static Provisioned apply(Profile profile, Tpm tpm, Path exportDir) {
        return switch (profile) {
            case BARE -> new Provisioned(profile, null, List.of(), List.of(), List.of(), Map.of(), null, null);
            case INTEL_ODCA -> intelOdca(tpm, exportDir);
            case DISCRETE -> discrete(tpm, exportDir);
        };
    }

    private static Provisioned intelOdca(Tpm tpm, Path dir) {
        TestCa root = TestCa.root("CN=Test OnDie CA Root Cert Signing,OU=OnDie CA,O=tpm2j test Intel", false);
        TestCa family = root.issueCa("CN=Test ODCA CA2 CSME Intermediate CA,OU=OnDie CA,O=tpm2j test Intel", false,
                null);
        TestCa issuing = family.issueCa("CN=Test ODCA 2 CSME P_SIM 00001234 Issuing CA,OU=OnDie CA,O=tpm2j test Intel",
                false, null);
        TestCa rom = issuing.issueCa("CN=CSME SIM ROM CA,OU=CSME,O=tpm2j test Intel", false, null);
        TestCa kernel = rom.issueCa("CN=CSME SIM SVN01 Kernel CA,OU=CSME,O=tpm2j test Intel", false, null);
        TestCa ptt = kernel.issueCa("CN=CSME SIM PTT 01SVN,OU=CSME,O=tpm2j test Intel", false, 0);

        undefineIfPresent(tpm, RSA_EK_CERT);
        undefineIfPresent(tpm, SWTPM_ECC_P384_EK_CERT);
        Map<Integer, X509Certificate> eks = new LinkedHashMap<>();
        eks.put(ECC_P256_EK_CERT, ptt.issueEkCertificate(ekKey(tpm, EkTemplates.L2_ECC_P256), "id:494E5443",
                "PTT-SIM", "id:00020000"));
        eks.put(RSA_EK_CERT, ptt.issueEkCertificate(ekKey(tpm, EkTemplates.L1_RSA2048), "id:494E5443", "PTT-SIM",
                "id:00020000"));
        for (Map.Entry<Integer, X509Certificate> e : eks.entrySet()) {
            writeAsProvisioned(tpm, e.getKey(), TestCa.der(e.getValue()));
        }
        List<X509Certificate> onChip = List.of(rom.certificate(), kernel.certificate(), ptt.certificate());
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        for (X509Certificate c : onChip) {
            chain.writeBytes(TestCa.der(c));
        }
        byte[] all = chain.toByteArray();
        List<Integer> indices = new ArrayList<>();
        for (int off = 0, index = CHAIN_FIRST; off < all.length; off += CHAIN_INDEX_CAPACITY, index++) {
            writeAsProvisioned(tpm, index, Arrays.copyOfRange(all, off, Math.min(all.length, off + CHAIN_INDEX_CAPACITY)));
            indices.add(index);
        }
        List<X509Certificate> offChip = List.of(family.certificate(), issuing.certificate());
        return export(Profile.INTEL_ODCA, root, offChip, onChip, indices, eks, dir);
    }

    private static Provisioned discrete(Tpm tpm, Path dir) {
        TestCa root = TestCa.root("CN=Test Infineon OPTIGA(TM) RSA Root CA,O=tpm2j test Infineon,C=DE", true);
        TestCa intermediate = root.issueCa("CN=Test Infineon OPTIGA(TM) TPM 2.0 RSA CA 042,O=tpm2j test Infineon,C=DE",
                true, 0);
        undefineIfPresent(tpm, RSA_EK_CERT);
        undefineIfPresent(tpm, SWTPM_ECC_P384_EK_CERT);
        X509Certificate ek = intermediate.issueEkCertificate(ekKey(tpm, EkTemplates.L1_RSA2048), "id:49465800",
                "SLB9672", "id:000F0010");
        writeAsProvisioned(tpm, RSA_EK_CERT, TestCa.der(ek));
        return export(Profile.DISCRETE, root, List.of(intermediate.certificate()), List.of(), List.of(),
                Map.of(RSA_EK_CERT, ek), dir);
    }

    private static Provisioned export(Profile p, TestCa root, List<X509Certificate> offChip,
                                      List<X509Certificate> onChip, List<Integer> indices,
                                      Map<Integer, X509Certificate> eks, Path dir) {
        try {
            Files.createDirectories(dir);
            Path rootPem = dir.resolve("root.pem");
            Path intermediatesPem = dir.resolve("intermediates.pem");
            Files.writeString(rootPem, TestCa.pem(List.of(root.certificate())), StandardCharsets.US_ASCII);
            Files.writeString(intermediatesPem, TestCa.pem(offChip), StandardCharsets.US_ASCII);
            return new Provisioned(p, root.certificate(), offChip, onChip, indices, eks, rootPem, intermediatesPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the test CA certificates", e);
        }
    }

    /** The EK public key the TPM derives from {@code template} (created, read, flushed). */
    private static PublicKey ekKey(Tpm tpm, TpmtPublic template) {
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), template);
        try {
            return PublicKeys.toJca(ek.outPublic());
        } finally {
            tpm.flushContext(ek.objectHandle());
        }
    }

    private static void undefineIfPresent(Tpm tpm, int index) {
        try {
            tpm.nvUndefineSpace(index, Authorization.platform());
        } catch (TpmResponseException e) {
            if (!e.is(TpmRc.HANDLE)) {
                throw e;
            }
        }
    }

    /** Defines {@code index} as a real TPM's manufacturer does and writes {@code data}; no write lock. */
    private static void writeAsProvisioned(Tpm tpm, int index, byte[] data) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, CERT_INDEX_ATTRIBUTES, Bytes.EMPTY, data.length),
                Authorization.platform());
        tpm.nvWrite(index, 0, data, Authorization.platform());
    }
}
