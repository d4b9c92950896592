package dev.tpm2j.it;

// --- begin README example quickstart
import dev.tpm2j.core.Tpm;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

public class Quickstart {
    public static void main(String[] args) throws Exception {
        try (Tpm tpm = Tpm.open(args.length > 0 ? args[0] : "sim")) {   // "sim", "device:/dev/tpmrm0", "tbs", …
            byte[] der = tpm.nvRead(0x01C00002);                         // the RSA EK certificate's NV index
            X509Certificate ek = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            System.out.println("EK certificate issued by " + ek.getIssuerX500Principal());
        }
    }
}
// --- end README example quickstart
