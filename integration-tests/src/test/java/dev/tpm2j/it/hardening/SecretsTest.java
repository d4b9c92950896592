package dev.tpm2j.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.commands.ActivateCredential;
import dev.tpm2j.core.commands.HierarchyChangeAuth;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.CommandAuthContext;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SecureRandom only, secrets wiped after use, and never printed. */
class SecretsTest {
    static final Pattern WEAK_RANDOM = Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(|Math\\.random\\s*\\(|"
            + "import\\s+java\\.util\\.Random\\s*;|ThreadLocalRandom");

    @Test
    void noNonCryptographicRandomnessInAnyLibraryOrToolSource() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")
                    && !p.toString().contains("/target/")).toList();
        }
        assertTrue(sources.size() > 100, "scanned " + sources.size() + " files");
        for (Path p : sources) {
            assertFalse(WEAK_RANDOM.matcher(Files.readString(p)).find(), p + " uses non-cryptographic randomness");
        }
    }

    @Test
    void passwordsAreWipedOnCloseAndNeverPrinted() {
        byte[] pw = "hunter2".getBytes();
        PasswordSession s = PasswordSession.of(pw);
        CommandAuthContext ctx = new CommandAuthContext(0x14E, List::of, new byte[0]);
        TpmsAuthCommand a = s.authorizeCommand(ctx);
        assertEquals(Bytes.of(pw), Bytes.of(a.hmac()));
        assertFalse(a.toString().contains("hunter2") || a.toString().contains(Bytes.of(pw).toHex()), a.toString());
        a.wipe();
        assertEquals(Bytes.zeros(pw.length), Bytes.of(a.hmac()), "the sent copy is wiped");
        assertFalse(s.toString().contains("hunter2"));
        s.close();
        // the held copy is wiped (SessionChecksTest looks inside), and a closed session refuses instead of sending zeros
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.authorizeCommand(ctx));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void secretCarryingValuesDoNotPrintTheirSecrets() {
        byte[] secret = "credential-secret".getBytes();
        assertFalse(new ActivateCredential.Response(secret).toString().contains("credential-secret"));
        assertFalse(new HierarchyChangeAuth(0x4000000B, secret).toString().contains("credential-secret"));
        assertFalse(new TpmsSensitiveCreate(secret, Bytes.EMPTY).toString().contains("credential-secret"));
        assertFalse(new TpmsAuthCommand(0x40000009, Bytes.EMPTY, new TpmaSession(1), secret).toString()
                .contains(Bytes.of(secret).toHex()));
    }
}
