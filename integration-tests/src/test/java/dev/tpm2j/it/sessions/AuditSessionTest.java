package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.commands.GetSessionAuditDigest;
import dev.tpm2j.core.commands.NvRead;
import dev.tpm2j.core.commands.NvWrite;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Audit sessions on swtpm: the session audit digest tpm2j keeps (H(digest ‖ cpHash ‖ rpHash) per audited command)
 * equals the one TPM2_GetSessionAuditDigest reports, for an audit-only session beside a password authorization and
 * for a salted session that authorizes, encrypts and audits at once.
 */
class AuditSessionTest {
    @Test
    void auditDigestEqualsGetSessionAuditDigest() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            int index = 0x01500B00;
            byte[] pw = "audited".getBytes(StandardCharsets.US_ASCII);
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE,
                    TpmaNv.NO_DA), Bytes.EMPTY, 16), pw, Authorization.owner());
            try {
                try (KeyedSession audit = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256).withSalt(
                        ek.objectHandle(), ek.outPublic()).withAudit())) {
                    tpm.execute(new GetRandom(8), audit);
                    tpm.execute(new NvWrite(index, index, new byte[16], 0), PasswordSession.of(pw), audit);
                    tpm.execute(new NvRead(index, index, 16, 0), PasswordSession.of(pw), audit);
                    assertEquals(auditDigest(tpm, audit), audit.auditDigest(), "audit-only session");
                }
                try (KeyedSession all = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA384).withSalt(
                        ek.objectHandle(), ek.outPublic())
                        .withEncryption(TpmtSymDef.AES_128_CFB, true, true).withAudit())) {
                    tpm.execute(new NvWrite(index, index, "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII), 0),
                            List.of(Authorization.nvIndex(all, pw)));
                    byte[] back = tpm.execute(new NvRead(index, index, 16, 0),
                            List.of(Authorization.nvIndex(all, pw))).data();
                    assertEquals("sixteen bytes!!!", new String(back, StandardCharsets.US_ASCII));
                    assertEquals(48, all.auditDigest().size());
                    assertEquals(auditDigest(tpm, all), all.auditDigest(), "authorizing, encrypting, auditing");
                }
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
                tpm.flushContext(ek.objectHandle());
            }
        }
    }

    static Bytes auditDigest(Tpm tpm, KeyedSession s) {
        Bytes nonce = Bytes.of("qualifying".getBytes(StandardCharsets.US_ASCII));
        GetSessionAuditDigest.Response r = tpm.execute(new GetSessionAuditDigest(TpmRh.ENDORSEMENT, TpmRh.NULL,
                s.handle(), nonce, TpmtSigScheme.NULL), PasswordSession.empty(), PasswordSession.empty());
        assertTrue(r.auditInfo().size() > 40);
        return r.sessionDigest(s.auditDigest().size());
    }
}
