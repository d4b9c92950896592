package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.commands.ObjectChangeAuth;
import dev.tpm2j.core.commands.PolicyCommandCode;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.KeyedSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Changes of auth over keyed sessions against swtpm: NV_ChangeAuth (the index changes at once, so the response HMAC
 * uses the new authValue) and ObjectChangeAuth (the loaded object keeps its old authValue, so the response uses
 * the old one), both with the new auth sent encrypted.
 */
class ChangeAuthTest {
    @Test
    void nvChangeAuthThroughAPolicySessionWithPolicyAuthValue() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            int lockout = tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            int index = 0x01500700;
            byte[] oldAuth = "old index auth".getBytes(StandardCharsets.US_ASCII);
            byte[] newAuth = "new index auth".getBytes(StandardCharsets.US_ASCII);
            Bytes policy = PolicyDigest.start(TpmAlgId.SHA256).policyCommandCode(TpmCc.NV_ChangeAuth)
                    .policyAuthValue().digest();
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE),
                    policy, 8), oldAuth, Authorization.owner());
            try {
                tpm.nvWrite(index, 0, "contents".getBytes(StandardCharsets.US_ASCII),
                        Authorization.nvIndex(PasswordSession.of(oldAuth)));
                try (PolicySession s = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256)
                        .withSalt(ek.objectHandle(), ek.outPublic())
                        .withEncryption(TpmtSymDef.AES_128_CFB, true, false))) {
                    tpm.execute(new PolicyCommandCode(s.handle(), TpmCc.NV_ChangeAuth));
                    tpm.policyAuthValue(s);
                    assertEquals(policy, tpm.policyGetDigest(s));
                    tpm.nvChangeAuth(index, Authorization.of(index, s, oldAuth), newAuth);
                }
                assertArrayEquals("contents".getBytes(StandardCharsets.US_ASCII),
                        tpm.nvRead(index, Authorization.nvIndex(PasswordSession.of(newAuth))), "the new auth works");
            } finally {
                tpm.nvUndefineSpace(index, Authorization.owner());
                tpm.flushContext(ek.objectHandle());
            }
            assertEquals(lockout, tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow());
        }
    }

    @Test
    void objectChangeAuthOverAnHmacSessionKeepsTheLoadedObjectsAuth() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            byte[] oldAuth = "old key auth".getBytes(StandardCharsets.US_ASCII);
            byte[] newAuth = "new key auth".getBytes(StandardCharsets.US_ASCII);
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Create.Response created = tpm.execute(new Create(srk.objectHandle(), new TpmsSensitiveCreate(oldAuth,
                    Bytes.EMPTY), KeyTemplates.AK_ECC_P256, Bytes.EMPTY, TpmlPcrSelection.EMPTY),
                    PasswordSession.empty());
            int key = tpm.execute(new Load(srk.objectHandle(), created.outPrivate(), created.outPublic()),
                    PasswordSession.empty()).objectHandle();
            try {
                ObjectChangeAuth.Response changed;
                try (KeyedSession s = tpm.startHmacSession(SessionOptions.hmac(TpmAlgId.SHA256)
                        .withSalt(srk.objectHandle(), srk.outPublic())
                        .withEncryption(TpmtSymDef.AES_256_CFB, true, true))) {
                    changed = tpm.execute(new ObjectChangeAuth(key, srk.objectHandle(), newAuth),
                            List.of(Authorization.of(key, s, oldAuth)));
                }
                int reloaded = tpm.execute(new Load(srk.objectHandle(), changed.outPrivate(), created.outPublic()),
                        PasswordSession.empty()).objectHandle();
                try {
                    // the new private carries the new auth: a second change needs it, the old one is refused
                    TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.execute(
                            new ObjectChangeAuth(reloaded, srk.objectHandle(), oldAuth), PasswordSession.of(oldAuth)));
                    assertTrue(e.getMessage().contains("AUTH"), e.getMessage());
                    tpm.execute(new ObjectChangeAuth(reloaded, srk.objectHandle(), oldAuth),
                            PasswordSession.of(newAuth));
                    ReadPublic.Response pub = tpm.readPublic(reloaded);
                    assertEquals(created.outPublic(), pub.outPublic());
                } finally {
                    tpm.flushContext(reloaded);
                }
            } finally {
                tpm.flushContext(key);
                tpm.flushContext(srk.objectHandle());
            }
        }
    }
}
