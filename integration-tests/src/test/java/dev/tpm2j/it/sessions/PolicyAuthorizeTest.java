package dev.tpm2j.it.sessions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.FlushContext;
import dev.tpm2j.core.commands.LoadExternal;
import dev.tpm2j.core.commands.PolicyAuthorize;
import dev.tpm2j.core.commands.PolicyCommandCode;
import dev.tpm2j.core.commands.VerifySignature;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PolicyDigest;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmtTkVerified;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import dev.tpm2j.transport.SwtpmTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPM2_PolicyAuthorize on swtpm with a signing key held outside the TPM (a JDK RSA key, loaded public-only with
 * LoadExternal into the owner hierarchy so that VerifySignature returns a real ticket): the software digest equals a
 * trial session's PolicyGetDigest and tpm2-tools' {@code tpm2_policyauthorize}; an NV index whose authPolicy is
 * PolicyAuthorize(key) is written and read back through approved policies (PolicyCommandCode(NV_Write) /
 * (NV_Read), each signed by the key), and refused for a policy signed by another key, for a ticket over a different
 * policy and for a forged signature — the data stays what the approved write stored. Then, in combination, approved
 * policies with PolicyAuthValue through a bound policy session encrypting both ways.
 */
class PolicyAuthorizeTest {
    static final int INDEX = 0x01500A00;
    static final byte[] INDEX_AUTH = "authorized index".getBytes(StandardCharsets.US_ASCII);
    static final Bytes POLICY_REF = Bytes.of("tpm2j approved".getBytes(StandardCharsets.US_ASCII));

    static Swtpm sim;
    static SwtpmTransport transport;
    static Tpm tpm;
    static KeyPair authority;
    static TpmtPublic authorityPublic;
    static KeyPair stranger;
    static TpmtPublic strangerPublic;

    @BeforeAll
    static void start() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        authority = g.generateKeyPair();
        authorityPublic = rsaSigningPublic((RSAPublicKey) authority.getPublic());
        stranger = g.generateKeyPair();
        strangerPublic = rsaSigningPublic((RSAPublicKey) stranger.getPublic());
        sim = Swtpm.start();
        transport = sim.transport();
        tpm = Tpm.open(transport);
    }

    @AfterAll
    static void stop() {
        try {
            tpm.close();
        } finally {
            sim.close();
        }
    }

    /** An RSA-2048 RSASSA-SHA256 signing key's public area, as LoadExternal takes it. */
    static TpmtPublic rsaSigningPublic(RSAPublicKey key) {
        return new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, TpmaObject.of(TpmaObject.USER_WITH_AUTH,
                TpmaObject.SIGN_ENCRYPT), Bytes.EMPTY, new TpmsRsaParms(TpmtSymDef.NULL,
                new TpmtRsaScheme(TpmAlgId.RSASSA, TpmAlgId.SHA256), 2048, 0),
                new Tpm2bPublicKeyRsa(PublicKeys.fixedWidth(key.getModulus(), 256)));
    }

    /** The key's RSASSA-SHA256 signature over approvedPolicy ‖ policyRef, i.e. over aHash. */
    static TpmtSignature approve(KeyPair key, Bytes approvedPolicy) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update(approvedPolicy.toByteArray());
        s.update(POLICY_REF.toByteArray());
        return new TpmtSignature(TpmAlgId.RSASSA, new TpmsSignatureRsa(TpmAlgId.SHA256, Bytes.of(s.sign())));
    }

    static int loadExternal(TpmtPublic pub) {
        LoadExternal.Response r = tpm.execute(new LoadExternal(pub, TpmRh.OWNER));
        assertEquals(Names.object(pub), r.name(), "the TPM's name of the loaded key");
        return r.objectHandle();
    }

    static Bytes commandCodePolicy(int cc) {
        return PolicyDigest.start(TpmAlgId.SHA256).policyCommandCode(cc).digest();
    }

    /** Runs PolicyCommandCode(cc), then PolicyAuthorize with {@code signer}'s ticket over {@code approved}. */
    static void authorize(PolicySession p, int cc, int keyHandle, TpmtPublic signerPublic, Bytes approved,
                          TpmtSignature signature) {
        tpm.execute(new PolicyCommandCode(p.handle(), cc));
        TpmtTkVerified ticket = tpm.execute(new VerifySignature(keyHandle, PolicyDigest.approvalDigest(
                TpmAlgId.SHA256, approved, POLICY_REF), signature)).validation();
        assertEquals(TpmRh.OWNER, ticket.hierarchy(), "a real ticket from the owner hierarchy");
        tpm.execute(new PolicyAuthorize(p.handle(), approved, POLICY_REF, Names.object(signerPublic), ticket));
    }

    @Test
    void softwareDigestEqualsTrialPolicyGetDigestAndTpm2Tools(@TempDir Path dir) throws Exception {
        Bytes keyName = Names.object(authorityPublic);
        Bytes expected = PolicyDigest.start(TpmAlgId.SHA256).policyAuthorize(keyName, POLICY_REF).digest();
        // PolicyAuthorize replaces whatever the session held: start from a non-zero digest to show it.
        try (PolicySession trial = tpm.startPolicySession(SessionOptions.trial(TpmAlgId.SHA256))) {
            tpm.execute(new PolicyCommandCode(trial.handle(), TpmCc.NV_Write));
            tpm.execute(PolicyAuthorize.trial(trial.handle(), POLICY_REF, keyName));
            assertEquals(expected, tpm.policyGetDigest(trial), "software digest vs PolicyGetDigest");
        }
        Bytes viaSha384 = PolicyDigest.start(TpmAlgId.SHA384).policyAuthorize(keyName, POLICY_REF).digest();
        try (PolicySession trial = tpm.startPolicySession(SessionOptions.trial(TpmAlgId.SHA384))) {
            tpm.execute(PolicyAuthorize.trial(trial.handle(), POLICY_REF, keyName));
            assertEquals(viaSha384, tpm.policyGetDigest(trial), "SHA-384 session, SHA-256 key name");
        }
        assertNotEquals(expected, PolicyDigest.start(TpmAlgId.SHA256).policyAuthorize(
                Names.object(strangerPublic), POLICY_REF).digest(), "the key name is in the digest");

        Files.write(dir.resolve("key.name"), keyName.toByteArray());
        Files.write(dir.resolve("ref.bin"), POLICY_REF.toByteArray());
        Files.write(dir.resolve("approved.dig"), commandCodePolicy(TpmCc.NV_Write).toByteArray());
        Path ctx = dir.resolve("trial.ctx");
        Path out = dir.resolve("policy.dig");
        transport.disconnect(); // swtpm serves one client at a time
        Tpm2Tools.run(sim, "tpm2_startauthsession", "-S", ctx.toString());
        try {
            Tpm2Tools.run(sim, "tpm2_policyauthorize", "-S", ctx.toString(), "-L", out.toString(),
                    "-i", dir.resolve("approved.dig").toString(), "-q", dir.resolve("ref.bin").toString(),
                    "-n", dir.resolve("key.name").toString());
        } finally {
            Tpm2Tools.run(sim, "tpm2_flushcontext", ctx.toString());
        }
        assertEquals(expected, Bytes.of(Files.readAllBytes(out)), "software digest vs tpm2_policyauthorize");
    }

    @Test
    void approvedPoliciesAuthorizeTheIndexAndOthersDoNot() throws Exception {
        Bytes authPolicy = PolicyDigest.start(TpmAlgId.SHA256).policyAuthorize(Names.object(authorityPublic),
                POLICY_REF).digest();
        int lockout = tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow();
        tpm.nvDefineSpace(new TpmsNvPublic(INDEX, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.POLICYWRITE, TpmaNv.POLICYREAD),
                authPolicy, 16), INDEX_AUTH, Authorization.owner());
        int authorityHandle = loadExternal(authorityPublic);
        int strangerHandle = loadExternal(strangerPublic);
        try {
            Bytes writePolicy = commandCodePolicy(TpmCc.NV_Write);
            Bytes readPolicy = commandCodePolicy(TpmCc.NV_Read);
            TpmtSignature approvesWrite = approve(authority, writePolicy);
            TpmtSignature approvesRead = approve(authority, readPolicy);
            byte[] data = "approved policy!".getBytes(StandardCharsets.US_ASCII);

            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                authorize(p, TpmCc.NV_Write, authorityHandle, authorityPublic, writePolicy, approvesWrite);
                assertEquals(authPolicy, tpm.policyGetDigest(p), "the session now holds the index's authPolicy");
                tpm.nvWrite(INDEX, 0, data, Authorization.nvIndex(p, null));
            }
            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                authorize(p, TpmCc.NV_Read, authorityHandle, authorityPublic, readPolicy, approvesRead);
                assertArrayEquals(data, tpm.nvRead(INDEX, 0, data.length, Authorization.nvIndex(p, null)));
            }

            // The same policy, approved by a key that is not the authority: PolicyAuthorize itself succeeds (the
            // ticket is valid for that key), but the resulting digest names the stranger and NV_Write fails.
            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                authorize(p, TpmCc.NV_Write, strangerHandle, strangerPublic, writePolicy,
                        approve(stranger, writePolicy));
                TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.nvWrite(INDEX, 0,
                        new byte[16], Authorization.nvIndex(p, null)));
                assertEquals(TpmRc.POLICY_FAIL, e.responseCode().base(), e.getMessage());
            }
            // The authority's ticket is for the read policy; the session asserted the write policy.
            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                tpm.execute(new PolicyCommandCode(p.handle(), TpmCc.NV_Write));
                TpmtTkVerified readTicket = tpm.execute(new VerifySignature(authorityHandle,
                        PolicyDigest.approvalDigest(TpmAlgId.SHA256, readPolicy, POLICY_REF), approvesRead))
                        .validation();
                TpmResponseException wrongTicket = assertThrows(TpmResponseException.class, () -> tpm.execute(
                        new PolicyAuthorize(p.handle(), writePolicy, POLICY_REF, Names.object(authorityPublic),
                                readTicket)));
                assertEquals(TpmRc.VALUE, wrongTicket.responseCode().base(), wrongTicket.getMessage());
                assertEquals(4, wrongTicket.responseCode().parameter(), "checkTicket refused");
                TpmResponseException notCurrent = assertThrows(TpmResponseException.class, () -> tpm.execute(
                        new PolicyAuthorize(p.handle(), readPolicy, POLICY_REF, Names.object(authorityPublic),
                                readTicket)));
                assertEquals(TpmRc.VALUE, notCurrent.responseCode().base(), notCurrent.getMessage());
                assertEquals(1, notCurrent.responseCode().parameter(), "approvedPolicy refused");
            }
            // A signature by the stranger presented as the authority's: VerifySignature refuses it.
            TpmResponseException forged = assertThrows(TpmResponseException.class, () -> tpm.execute(
                    new VerifySignature(authorityHandle, PolicyDigest.approvalDigest(TpmAlgId.SHA256, writePolicy,
                            POLICY_REF), approve(stranger, writePolicy))));
            assertEquals(TpmRc.SIGNATURE, forged.responseCode().base(), forged.getMessage());

            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                authorize(p, TpmCc.NV_Read, authorityHandle, authorityPublic, readPolicy, approvesRead);
                assertArrayEquals(data, tpm.nvRead(INDEX, 0, data.length, Authorization.nvIndex(p, null)),
                        "the refused write changed nothing");
            }

            // In combination: approved policies that also demand the index's authValue (PolicyAuthValue), satisfied
            // by a policy session bound to the index whose data goes AES-encrypted both ways.
            byte[] secret = "bound, encrypted".getBytes(StandardCharsets.US_ASCII);
            Bytes writeWithAuth = PolicyDigest.start(TpmAlgId.SHA256).policyAuthValue().policyCommandCode(
                    TpmCc.NV_Write).digest();
            Bytes readWithAuth = PolicyDigest.start(TpmAlgId.SHA256).policyAuthValue().policyCommandCode(
                    TpmCc.NV_Read).digest();
            SessionOptions boundEncrypting = SessionOptions.policy(TpmAlgId.SHA256).withBind(INDEX, INDEX_AUTH)
                    .withEncryption(TpmtSymDef.AES_128_CFB, true, true);
            try (PolicySession p = tpm.startPolicySession(boundEncrypting)) {
                tpm.policyAuthValue(p);
                authorize(p, TpmCc.NV_Write, authorityHandle, authorityPublic, writeWithAuth,
                        approve(authority, writeWithAuth));
                tpm.nvWrite(INDEX, 0, secret, Authorization.nvIndex(p, INDEX_AUTH));
            }
            try (PolicySession p = tpm.startPolicySession(boundEncrypting)) {
                tpm.policyAuthValue(p);
                authorize(p, TpmCc.NV_Read, authorityHandle, authorityPublic, readWithAuth,
                        approve(authority, readWithAuth));
                assertArrayEquals(secret, tpm.nvRead(INDEX, 0, secret.length, Authorization.nvIndex(p,
                        INDEX_AUTH)), "read back through the bound, encrypting policy session");
            }
            try (PolicySession p = tpm.startPolicySession(SessionOptions.policy(TpmAlgId.SHA256))) {
                authorize(p, TpmCc.NV_Read, authorityHandle, authorityPublic, readPolicy, approvesRead);
                assertArrayEquals(secret, tpm.nvRead(INDEX, 0, secret.length, Authorization.nvIndex(p, null)),
                        "what the TPM stored, read in clear");
            }
            assertEquals(lockout, tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElseThrow(), "lockout counter");
        } finally {
            tpm.execute(new FlushContext(authorityHandle));
            tpm.execute(new FlushContext(strangerHandle));
            tpm.nvUndefineSpace(INDEX, Authorization.owner());
        }
    }
}
