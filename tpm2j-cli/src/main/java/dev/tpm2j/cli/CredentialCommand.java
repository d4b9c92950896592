package dev.tpm2j.cli;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.TpmCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class CredentialCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "credential",
                "MakeCredential / ActivateCredential in the tpm2-tools credential file format.");
        CodeModel.subcommand(s, new Make().model());
        CodeModel.subcommand(s, new Activate().model());
        return s;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Tpm2jCli.USAGE;
    }

    /** {@code credential make}: the root and its spec are set like any {@link Subcommand}'s. */
    static final class Make extends Subcommand implements Callable<Integer>, CodeModel.Built {
        /** The EK source: exactly one of these three (an exclusive group). */
        Path ekPublicFile;
        String ekHandle;
        Path ekCert;
        String template;
        String akName;
        String secretHex;
        Path out;

        @Override
        public CommandSpec model() {
            CommandSpec s = CodeModel.command(this, "make", "Make a credential file for an EK and an AK name.");
            CodeModel.exclusive(s, "1",
                    CodeModel.option(Path.class, () -> ekPublicFile, v -> ekPublicFile = v, "--ek-public").paramLabel("FILE")
                            .description("the EK as TPM2B_PUBLIC (tpm2_readpublic -o)").build(),
                    CodeModel.option(String.class, () -> ekHandle, v -> ekHandle = v, "--ek-handle").paramLabel("H")
                            .description("read the EK public area from this TPM handle (0x… or decimal)").build(),
                    CodeModel.option(Path.class, () -> ekCert, v -> ekCert = v, "--ek-cert").paramLabel("FILE")
                            .description("the EK certificate (DER/PEM); the EK template is L-1 for RSA, L-2 for ECC "
                                    + "unless --ek-template says otherwise").build());
            s.addOption(CodeModel.option(String.class, () -> template, v -> template = v, "--ek-template")
                    .paramLabel("<template>").defaultValue("auto").description("the EK template for --ek-cert: L-1, "
                            + "L-2, H-1…H-7, or auto (L-1 for RSA, L-2 for ECC); default: ${DEFAULT-VALUE}").build());
            s.addOption(CodeModel.option(String.class, () -> akName, v -> akName = v, "--ak-name").required(true)
                    .paramLabel("HEX")
                    .description("the AK's Name in hex (nameAlg then digest, as tpm2_readpublic -n writes it)").build());
            s.addOption(CodeModel.option(String.class, () -> secretHex, v -> secretHex = v, "--secret").required(true)
                    .paramLabel("HEX").description("the secret to protect, in hex (at most the nameAlg digest size)")
                    .build());
            s.addOption(CodeModel.option(Path.class, () -> out, v -> out = v, "--out").required(true).paramLabel("FILE")
                    .description("where to write the credential file (tpm2-tools format)").build());
            return s;
        }

        @Override
        public Integer call() throws Exception {
            byte[] name = hex(akName, "--ak-name");
            byte[] secret = hex(secretHex, "--secret");
            try {
                Integer handle = ekHandle == null ? null : Numbers.handle("--ek-handle", ekHandle);
                TpmtPublic ekPublic;
                if (ekPublicFile != null) {
                    ekPublic = InputFiles.parse("--ek-public", ekPublicFile, "a TPM2B_PUBLIC", b -> {
                        TpmReader r = TpmReader.of(b);
                        TpmtPublic p = Tpm2bPublic.read(r).publicArea();
                        r.expectEnd("EK public file");
                        return p;
                    });
                } else if (handle != null) {
                    try (Tpm tpm = root.openTpm()) {
                        ekPublic = tpm.readPublic(handle).outPublic();
                    }
                } else {
                    TpmtPublic t = templateFor(template, false);
                    ekPublic = InputFiles.parse("--ek-cert", ekCert, "an EK certificate (DER or PEM)", b -> {
                        var cert = TpmCertificates.parseDerOrPem(b);
                        boolean ecc = cert.publicKey() instanceof ECPublicKey;
                        return PublicKeys.withKey(template.equalsIgnoreCase("auto") ? templateFor(template, ecc) : t,
                                cert.publicKey());
                    });
                }
                CredentialProtection.Credential c = CredentialProtection.make(ekPublic, Bytes.of(name), secret);
                Files.write(out, CredentialFile.write(c));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("out", out.toString());
                doc.put("ekNameAlg", dev.tpm2j.core.types.TpmAlgId.name(ekPublic.nameAlg()));
                root.print(spec.commandLine().getOut(), doc, "wrote " + out);
                return Tpm2jCli.OK;
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    static TpmtPublic templateFor(String name, boolean ecc) {
        return switch (name.toUpperCase()) {
            case "AUTO" -> ecc ? EkTemplates.L2_ECC_P256 : EkTemplates.L1_RSA2048;
            case "L-1" -> EkTemplates.L1_RSA2048;
            case "L-2" -> EkTemplates.L2_ECC_P256;
            case "H-1" -> EkTemplates.H1_RSA2048;
            case "H-2" -> EkTemplates.H2_ECC_P256;
            case "H-3" -> EkTemplates.H3_ECC_P384;
            case "H-4" -> EkTemplates.H4_ECC_P521;
            case "H-6" -> EkTemplates.H6_RSA3072;
            case "H-7" -> EkTemplates.H7_RSA4096;
            default -> throw new IllegalArgumentException("unknown EK template '" + name + "'");
        };
    }

    static byte[] hex(String s, String option) {
        try {
            return HexFormat.of().parseHex(s.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " is not hex: " + e.getMessage());
        }
    }

    /** {@code credential activate}: the root and its spec are set like any {@link Subcommand}'s. */
    static final class Activate extends Subcommand implements Callable<Integer>, CodeModel.Built {
        String ak;
        String akAuth;
        String ek;
        Path in;

        @Override
        public CommandSpec model() {
            CommandSpec s = CodeModel.command(this, "activate",
                    "Recover the secret of a credential file (from tpm2j or tpm2_makecredential).");
            s.addOption(CodeModel.option(String.class, () -> ak, v -> ak = v, "--ak").required(true).paramLabel("HANDLE")
                    .description("the loaded or persistent AK the credential names (0x… or decimal)").build());
            s.addOption(CodeModel.option(String.class, () -> akAuth, v -> akAuth = v, "--ak-auth").paramLabel("PW")
                    .defaultValue("").description("the AK's authorization value (default: empty)").build());
            s.addOption(CodeModel.option(String.class, () -> ek, v -> ek = v, "--ek").paramLabel("HANDLE")
                    .description("a loaded or persistent EK (default: create the EK from template L-1)").build());
            s.addOption(CodeModel.option(Path.class, () -> in, v -> in = v, "--in").required(true).paramLabel("FILE")
                    .description("the credential file (tpm2j credential make or tpm2_makecredential)").build());
            return s;
        }

        @Override
        public Integer call() throws Exception {
            int akHandle = Numbers.handle("--ak", ak);
            Integer ekGiven = ek == null ? null : Numbers.handle("--ek", ek);
            CredentialProtection.Credential c = InputFiles.parse("--in", in, "a credential file (tpm2-tools format)",
                    CredentialFile::read);
            try (Tpm tpm = root.openTpm(); PasswordSession akPw = PasswordSession.of(akAuth)) {
                int ekHandle;
                TpmtPublic ekPublic;
                CreatePrimary.Response created = null;
                if (ekGiven != null) {
                    ekHandle = ekGiven;
                    ekPublic = tpm.readPublic(ekHandle).outPublic();
                } else {
                    created = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
                    ekHandle = created.objectHandle();
                    ekPublic = created.outPublic();
                }
                byte[] secret;
                try {
                    secret = AikActivation.activate(tpm, akHandle, akPw, ekHandle, ekPublic,
                            Authorization.endorsement(), c);
                } finally {
                    if (created != null) {
                        tpm.flushQuietly(created.objectHandle());
                    }
                }
                String hex = HexFormat.of().formatHex(secret);
                Arrays.fill(secret, (byte) 0);
                root.print(spec.commandLine().getOut(), Map.of("secret", hex), hex);
                return Tpm2jCli.OK;
            }
        }
    }
}
