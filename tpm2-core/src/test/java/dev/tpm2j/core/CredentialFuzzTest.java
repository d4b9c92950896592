package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.fuzz.Untrusted;
import java.util.Arrays;

/**
 * The credential file reader on untrusted bytes (only {@link TpmFormatException}), and software MakeCredential
 * round trips for fuzzer-chosen secrets and names, checked by the independent software ActivateCredential in
 * {@link CredentialProtectionTest} and through the credential file.
 */
class CredentialFuzzTest {

    @FuzzTest
    void credentialFile(byte[] in) {
        Untrusted.parse("credential file", in, CredentialFile::read, TpmFormatException.class);
    }

    @FuzzTest
    void makeCredentialRoundTrip(FuzzedDataProvider d) throws Exception {
        byte[] secret = d.consumeBytes(d.consumeInt(1, 32));
        if (secret.length == 0) {
            secret = new byte[] {0};
        }
        byte[] name = Arrays.copyOf(d.consumeBytes(34), 34);
        TpmtPublic ek = PublicKeys.withKey(EkTemplates.L1_RSA2048, CredentialProtectionTest.KEYS.getPublic());
        CredentialProtection.Credential c = CredentialProtection.make(ek, Bytes.of(name), secret);
        assertArrayEquals(secret, CredentialProtectionTest.activate(CredentialProtectionTest.KEYS, ek, Bytes.of(name),
                c));
        assertEquals(c, CredentialFile.read(CredentialFile.write(c)));
    }
}
