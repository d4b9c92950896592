package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the Windows registry certificate cache, tested with real certificates in synthetic blobs. */
class WindowsCertStoreTest {
    static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] serialized(byte[] der) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] other = {1, 2, 3, 4, 5};
        o.writeBytes(le(0x03));           // a SHA-1 hash property first
        o.writeBytes(le(1));
        o.writeBytes(le(other.length));
        o.writeBytes(other);
        o.writeBytes(le(0x20));           // CERT_CERT_PROP_ID
        o.writeBytes(le(1));
        o.writeBytes(le(der.length));
        o.writeBytes(der);
        return o.toByteArray();
    }

    @Test
    void rawDerAndSerializedElementBlobs() throws Exception {
        byte[] der = RealData.cert("intel-ptt-adl-ek-rsa.pem").der();
        assertArrayEquals(der, WindowsCertStore.certificateFromBlob(der));
        assertArrayEquals(der, WindowsCertStore.certificateFromBlob(serialized(der)));
        byte[] broken = serialized(der);
        broken[20] = (byte) 0xFF; // the certificate property's length now runs past the blob
        assertThrows(CertificateParseException.class, () -> WindowsCertStore.certificateFromBlob(
                java.util.Arrays.copyOf(broken, 40)));
    }

    @Test
    void regQueryOutputAndComparison() {
        TpmCertificate ek = RealData.cert("intel-ptt-adl-ek-rsa.pem");
        TpmCertificate rom = RealData.cert("intel-csme-adl-rom-ca.pem");
        String out = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\TPM\\WMI\\Endorsement\\EKCertStore"
                + "\\Certificates\\" + ek.sha256().substring(0, 40) + "\r\n    Blob    REG_BINARY    "
                + HexFormat.of().withUpperCase().formatHex(serialized(ek.der())) + "\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\…\\Certificates\\ABCD\r\n    Blob    REG_BINARY    "
                + HexFormat.of().formatHex(rom.der()) + "\r\n"
                + "HKEY_LOCAL_MACHINE\\…\\Certificates\\BAD\r\n    Blob    REG_BINARY    0102\r\n";
        List<String> problems = new ArrayList<>();
        List<WindowsCertStore.Cached> cached = WindowsCertStore.parseRegQuery(out, problems);
        assertEquals(2, cached.size());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("BAD"), problems.toString());
        List<String> cmp = WindowsCertStore.compare(cached, List.of(ek));
        assertTrue(cmp.get(0).startsWith("same as on the TPM"));
        assertTrue(cmp.get(1).startsWith("NOT on the TPM: CN=CSME ADL ROM CA"), cmp.toString());
    }
}
