package dev.tpm2j.ek;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks a signature-linked path must pass besides its signatures: validity at the verification instant,
 * critical extensions, CA constraints and path length (RFC 5280 §6.1.4), signature algorithms from an allow-list,
 * and, with {@link PathVerifier.LeafRules#EK_CERTIFICATE}, the rules that make the first certificate an EK
 * certificate (not a CA, not a trust anchor, a key usage fit for an EK, an extended key usage that does not name
 * another purpose); with {@link PathVerifier.LeafRules#ANY} the first certificate need only not be a trust anchor.
 * Problems refuse the path; notes (SHA-1, absent TCG markers) are reported beside a trusted verdict.
 */
final class PathRules {
    /** tcg-kp-EKCertificate. */
    static final String EK_CERTIFICATE_EKU = "2.23.133.8.1";
    private static final String ANY_EKU = "2.5.29.37.0";
    /** Critical extensions this verifier understands and checks deliberately. */
    static final Set<String> HANDLED_CRITICAL = Set.of(
            "2.5.29.19", // basicConstraints: checked (cA, pathLen)
            "2.5.29.15", // keyUsage: checked (keyCertSign for issuers; keyEncipherment/keyAgreement for the EK)
            "2.5.29.17", // subjectAltName: TPM manufacturer/model/version directoryName, read for the report
            "2.5.29.9",  // subjectDirectoryAttributes: TPM specification attributes, informational
            "2.5.29.37", // extendedKeyUsage: tcg-kp-EKCertificate on EK certificates
            "2.5.29.32"  // certificatePolicies: recorded, no policy constraints are imposed
    );

    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

    private PathRules() {
    }

    /** The hash of RSASSA-PSS parameters (SHA-1 when absent, RFC 4055), or null when they do not parse. */
    private static String pssHash(byte[] params) {
        if (params == null) {
            return "SHA-1";
        }
        try {
            java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("RSASSA-PSS");
            p.init(params);
            return p.getParameterSpec(java.security.spec.PSSParameterSpec.class).getDigestAlgorithm();
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            return null;
        }
    }

    /** A description of {@code key} when it is weaker than a CA key may be (RSA below 2048 bits, EC below 256), else null. */
    static String weakKey(java.security.PublicKey key) {
        if (key instanceof java.security.interfaces.RSAKey r && r.getModulus().bitLength() < 2048) {
            return "an RSA-" + r.getModulus().bitLength() + " key";
        }
        if (key instanceof java.security.interfaces.ECKey e && e.getParams().getCurve().getField().getFieldSize() < 256) {
            return "an EC key on a " + e.getParams().getCurve().getField().getFieldSize() + "-bit curve";
        }
        return null;
    }

    /**
     * Checks {@code path} (the leaf first, the anchor last), adding refusals to {@code problems} and remarks to
     * {@code notes}.
     *
     * @param isAnchor tells which certificates are trust anchors
     * @param describe names a path element in messages
     */
    static <S> void check(List<S> path, Function<S, TpmCertificate> cert, Predicate<S> isAnchor,
                          Function<S, String> describe, Instant at, PathVerifier.LeafRules rules,
                          List<String> problems, List<String> notes) {
        String leafName = rules == PathVerifier.LeafRules.EK_CERTIFICATE ? "the EK certificate " : "the certificate ";
        if (rules == PathVerifier.LeafRules.EK_CERTIFICATE) {
            checkLeaf(path, cert, isAnchor, describe, problems, notes);
        } else if (isAnchor.test(path.get(0))) {
            problems.add(leafName + describe.apply(path.get(0)) + " is itself a trust anchor, not issued under one");
        }
        int intermediatesBelow = 0; // non-self-issued CA certificates between this one and the EK certificate
        for (int i = 0; i < path.size(); i++) {
            S s = path.get(i);
            TpmCertificate c = cert.apply(s);
            X509Certificate x = c.certificate();
            if (!c.isValidAt(at)) {
                problems.add((i == 0 ? leafName : "") + describe.apply(s) + " is not valid at " + at
                        + " (valid " + x.getNotBefore().toInstant() + " to " + x.getNotAfter().toInstant() + ")");
            }
            Set<String> critical = x.getCriticalExtensionOIDs() == null ? Set.of() : x.getCriticalExtensionOIDs();
            for (String oid : critical) {
                if (!HANDLED_CRITICAL.contains(oid)) {
                    problems.add(describe.apply(s) + " has a critical extension tpm2j does not handle: " + oid);
                }
            }
            if (i + 1 < path.size()) {
                checkSignatureAlgorithm(describe.apply(s), x, problems, notes);
            }
            if (i > 0) {
                boolean anchor = i == path.size() - 1;
                if (x.getBasicConstraints() < 0 && !anchor) {
                    problems.add(describe.apply(s) + " issues " + describe.apply(path.get(i - 1))
                            + " but is not a CA (basicConstraints cA is not set)");
                }
                boolean[] ku = x.getKeyUsage();
                if (ku == null && x.getExtensionValue(KEY_USAGE) != null) {
                    problems.add(describe.apply(s) + " has a keyUsage that does not parse");
                } else if (ku != null && (ku.length < 6 || !ku[5])) {
                    problems.add(describe.apply(s) + " may not sign certificates (keyUsage lacks keyCertSign)");
                }
                String weak = weakKey(c.publicKey());
                if (weak != null) {
                    problems.add(describe.apply(s) + " signs with " + weak + ", below the floor for a CA key (RSA "
                            + "2048 bits, EC 256 bits)");
                }
                int pathLen = x.getBasicConstraints();
                if (pathLen >= 0 && pathLen != Integer.MAX_VALUE && intermediatesBelow > pathLen) {
                    problems.add(describe.apply(s) + " allows " + pathLen + " intermediate CA(s) below it, the path "
                            + "has " + intermediatesBelow);
                }
                if (!c.isSelfIssued()) {
                    intermediatesBelow++;
                }
            }
        }
    }

    /** RFC 5280 counts intermediate CAs only: the EK certificate never counts, self-issued or not. */
    private static <S> void checkLeaf(List<S> path, Function<S, TpmCertificate> cert, Predicate<S> isAnchor,
                                      Function<S, String> describe, List<String> problems, List<String> notes) {
        S leaf = path.get(0);
        TpmCertificate c = cert.apply(leaf);
        X509Certificate x = c.certificate();
        String name = describe.apply(leaf);
        if (isAnchor.test(leaf)) {
            problems.add("the EK certificate " + name + " is a trust anchor, not an EK certificate");
        }
        if (x.getBasicConstraints() >= 0) {
            problems.add("the EK certificate " + name + " is a CA certificate (basicConstraints cA is set), not an EK "
                    + "certificate");
        }
        boolean[] ku = x.getKeyUsage();
        if (ku == null && x.getExtensionValue(KEY_USAGE) != null) {
            problems.add("the EK certificate " + name + " has a keyUsage that does not parse");
        }
        if (ku != null && !(ku.length > 2 && ku[2]) && !(ku.length > 4 && ku[4])) {
            problems.add("the EK certificate " + name + " has a keyUsage with neither keyEncipherment nor "
                    + "keyAgreement, so it is not an EK certificate");
        }
        List<String> eku;
        try {
            eku = x.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            problems.add("the EK certificate " + name + " has an extendedKeyUsage that does not parse");
            eku = null;
        }
        if (eku == null && x.getExtensionValue(EXTENDED_KEY_USAGE) != null) {
            // the JDK sets aside a non-critical extension it cannot parse and then reports it absent
            problems.add("the EK certificate " + name + " has an extendedKeyUsage that does not parse");
        } else if (eku == null) {
            notes.add("the EK certificate " + name + " has no extendedKeyUsage tcg-kp-EKCertificate ("
                    + EK_CERTIFICATE_EKU + ")");
        } else if (!eku.contains(EK_CERTIFICATE_EKU) && !eku.contains(ANY_EKU)) {
            problems.add("the EK certificate " + name + " is for another purpose: its extendedKeyUsage "
                    + String.join(", ", eku) + " lacks tcg-kp-EKCertificate (" + EK_CERTIFICATE_EKU + ")");
        }
        if (c.tpm().isEmpty()) {
            notes.add("the EK certificate " + name + " names no TPM manufacturer, model and version (subjectAltName)");
        }
    }

    private static void checkSignatureAlgorithm(String name, X509Certificate x, List<String> problems,
                                                List<String> notes) {
        switch (SignatureAlgorithms.of(x.getSigAlgOID())) {
            case ACCEPTED -> {
                if ("1.2.840.113549.1.1.10".equals(x.getSigAlgOID())) {
                    String hash = pssHash(x.getSigAlgParams());
                    if (hash == null) {
                        problems.add(name + " is signed with RSASSA-PSS parameters that do not parse");
                    } else if (hash.replace("-", "").equalsIgnoreCase("SHA1")) {
                        notes.add(name + " is signed with SHA-1 (RSASSA-PSS with SHA-1), accepted for old TPMs");
                    }
                }
            }
            case WEAK -> notes.add(name + " is signed with SHA-1 (" + x.getSigAlgName() + "), accepted for old TPMs");
            case REFUSED -> problems.add(name + " is signed with " + x.getSigAlgName() + " (" + x.getSigAlgOID()
                    + "), which tpm2j refuses");
        }
    }
}
