package dev.tpm2j.it.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.RetryPolicy;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.core.commands.ActivateCredential;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkPolicySessions;
import dev.tpm2j.simulator.Swtpm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A TPM (or something posing as one) that lies: limits, paging, sizes that change, malformed credentials. */
class AdversarialTpmTest {

    static int cc(byte[] command) {
        return ByteBuffer.wrap(command, 6, 4).getInt();
    }

    /** Rewrites the value of TPM_PT_NV_BUFFER_MAX in GetCapability(TPM_PROPERTIES) responses. */
    static byte[] withNvBufferMax(byte[] rsp, int value) {
        // response: header(10) moreData(1) cap(4) count(4) then (property u32, value u32)*
        ByteBuffer b = ByteBuffer.wrap(rsp);
        if (rsp.length < 19 || b.getInt(11) != 6) {
            return rsp;
        }
        int n = b.getInt(15);
        for (int i = 0; i < n && 19 + 8 * i + 8 <= rsp.length; i++) {
            if (b.getInt(19 + 8 * i) == TpmPt.NV_BUFFER_MAX) {
                b.putInt(19 + 8 * i + 4, value);
            }
        }
        return rsp;
    }

    @Test
    void absurdNvBufferMaxFallsBackToTheSafeDefault() {
        try (Swtpm sim = Swtpm.start()) {
            for (int claimed : new int[] {0, 1_000_000}) {
                FailingTransport rewriting = new FailingTransport(sim.transport());
                rewriting.rewrite = r -> withNvBufferMax(r, claimed);
                CountingTransport counter = new CountingTransport(rewriting);
                try (Tpm tpm = Tpm.open(counter)) {
                    assertEquals(Tpm.DEFAULT_NV_BUFFER, tpm.nvBufferMax(), "claimed " + claimed);
                    int size = tpm.nvReadPublic(0x01C00002).nvPublic().dataSize();
                    counter.reset();
                    byte[] cert = tpm.nvRead(0x01C00002);
                    assertEquals(size, cert.length);
                    assertEquals((size + 511) / 512, counter.count(TpmCc.NV_Read));
                }
            }
        }
    }

    @Test
    void getCapabilitySayingMoreDataForeverIsBounded() {
        // a "TPM" that answers every GetCapability(HANDLES, p) with the single handle p and moreData = YES
        TpmTransport endless = new TpmTransport() {
            @Override
            public byte[] transmit(byte[] command) {
                int property = ByteBuffer.wrap(command, 14, 4).getInt();
                return ByteBuffer.allocate(23).putShort((short) 0x8001).putInt(23).putInt(0).put((byte) 1).putInt(1)
                        .putInt(1).putInt(property).array();
            }

            @Override
            public void close() {
            }
        };
        try (Tpm tpm = Tpm.open(endless)) {
            TpmFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(TpmFormatException.class, () -> tpm.getHandles(0x01000000)));
            assertTrue(e.getMessage().contains("still reports moreData after 256 pages"), e.getMessage());
        }
    }

    @Test
    void indexShrinkingBetweenReadPublicAndReadIsATypedError() {
        try (Swtpm sim = Swtpm.start()) {
            int index = 0x01500300;
            try (Tpm setup = sim.openTpm()) {
                setup.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE,
                        TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE, TpmaNv.NO_DA), Bytes.EMPTY, 1500),
                        Authorization.owner());
                setup.nvWrite(index, 0, new byte[1500], Authorization.owner());
            }
            TpmTransport inner = sim.transport();
            TpmTransport racing = new TpmTransport() {
                boolean raced;

                @Override
                public byte[] transmit(byte[] command) throws IOException {
                    byte[] r = inner.transmit(command);
                    if (!raced && cc(command) == TpmCc.NV_ReadPublic) {
                        raced = true;
                        // another client shrinks the index between our NV_ReadPublic and NV_Read
                        Tpm other = Tpm.open(new TpmTransport() {
                            @Override
                            public byte[] transmit(byte[] c) throws IOException {
                                return inner.transmit(c);
                            }

                            @Override
                            public void close() {
                            }
                        });
                        other.nvUndefineSpace(index, Authorization.owner());
                        other.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE,
                                TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.AUTHWRITE, TpmaNv.NO_DA), Bytes.EMPTY, 10),
                                Authorization.owner());
                        other.nvWrite(index, 0, new byte[10], Authorization.owner());
                    }
                    return r;
                }

                @Override
                public void close() throws IOException {
                    inner.close();
                }
            };
            try (Tpm tpm = Tpm.open(racing, RetryPolicy.NONE)) {
                TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.nvRead(index));
                assertTrue(e.is(dev.tpm2j.core.types.TpmRc.NV_RANGE), e.getMessage());
                assertTrue(e.getMessage().contains("past the end of the index"), e.getMessage());
                tpm.nvUndefineSpace(index, Authorization.owner());
            }
        }
    }

    @Test
    void malformedCredentialBlobsAreRefusedTyped() {
        try (Swtpm sim = Swtpm.start(); Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
            try {
                CredentialProtection.Credential good = CredentialProtection.make(ek.outPublic(), ak.name(), new byte[16]);
                Bytes blob = good.credentialBlob().credential();
                Bytes secret = good.secret().secret();
                Object[][] cases = {
                        {Bytes.of(new byte[1]), secret}, {blob.slice(0, 20), secret}, {Bytes.zeros(132), secret},
                        {blob, Bytes.EMPTY}, {blob, secret.slice(0, 10)}, {blob, Bytes.zeros(secret.size())}};
                for (Object[] c : cases) {
                    try (PolicySession s = EkPolicySessions.start(tpm, ek.outPublic(), Authorization.endorsement())) {
                        TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.execute(
                                new ActivateCredential(ak.handle(), ek.objectHandle(),
                                        new Tpm2bIdObject((Bytes) c[0]), new Tpm2bEncryptedSecret((Bytes) c[1])),
                                PasswordSession.empty(), s));
                        assertTrue(e.commandName().equals("TPM2_ActivateCredential"), e.getMessage());
                    }
                }
                assertArrayEquals(new byte[16], AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), good), "the TPM is fine");
            } finally {
                tpm.flushContext(ak.handle());
                tpm.flushContext(ek.objectHandle());
            }
        }
    }
}
