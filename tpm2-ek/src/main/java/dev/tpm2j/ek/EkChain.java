package dev.tpm2j.ek;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds and verifies the path from an EK certificate to a trust anchor across the certificates read from the TPM's
 * NV chain indices, a {@link TrustBundle}, certificates the caller supplies and (optionally) certificates fetched
 * from AIA URLs. Links are found by issuer name and signature, with AKI→SKI as a preference, never by position.
 * Nothing is trusted because of where it was found: only a path to one of the bundle's anchors counts.
 */
public final class EkChain {
    /** The longest path tried before giving up (a 10-deep chain is fine). */
    public static final int MAX_DEPTH = 16;
    /** Critical extensions this verifier understands and checks deliberately. */
    static final Set<String> HANDLED_CRITICAL = Set.of(
            "2.5.29.19", // basicConstraints: checked (cA, pathLen)
            "2.5.29.15", // keyUsage: checked (keyCertSign for issuers)
            "2.5.29.17", // subjectAltName: TPM manufacturer/model/version directoryName, read for the report
            "2.5.29.9",  // subjectDirectoryAttributes: TPM specification attributes, informational
            "2.5.29.37", // extendedKeyUsage: tcg-kp-EKCertificate on EK certificates
            "2.5.29.32"  // certificatePolicies: recorded, no policy constraints are imposed
    );

    /** A certificate and where it came from: {@code nv:0x01c00100}, {@code trust-bundle}, {@code aia:<url>}, {@code supplied}. */
    public record Sourced(TpmCertificate certificate, String source) {
    }

    /** One link of the result: a certificate, its source, and its own verdict. */
    public record Link(TpmCertificate certificate, String source, String verdict) {
    }

    /**
     * The outcome: the chain from the EK certificate upward (as far as it could be built), whether it reaches a
     * trust anchor with every check passing, the problems found (one specific sentence each), and when a link is
     * missing, which issuer and where it might be fetched.
     */
    public record Result(List<Link> chain, boolean trusted, Optional<TpmCertificate> anchor, List<String> problems,
                         Optional<String> missingIssuer, Optional<String> missingIssuerUrl) {
        /** Copies the lists so the result is immutable. */
        public Result {
            chain = List.copyOf(chain);
            problems = List.copyOf(problems);
        }

        /** "trusted: chains to …" or "untrusted: &lt;first problem&gt;". */
        public String verdict() {
            if (trusted) {
                return "trusted: chains to " + anchor.map(TpmCertificate::subject).orElse("?");
            }
            return "untrusted: " + (problems.isEmpty() ? "no path to a trust anchor" : problems.get(0));
        }
    }

    /** Fetches a CA certificate from an AIA URL (pluggable; see {@link AiaFetcher}). */
    private final TrustBundle trust;
    private final List<Sourced> pool;
    private final Instant at;
    private final AiaFetcher fetcher;

    private EkChain(TrustBundle trust, List<Sourced> pool, Instant at, AiaFetcher fetcher) {
        this.trust = trust;
        this.pool = pool;
        this.at = at;
        this.fetcher = fetcher;
    }

    /**
     * Verifies {@code ekCertificate} at instant {@code at}.
     *
     * @param nvCertificates certificates read from the TPM's chain indices, with their {@code nv:…} sources
     * @param supplied       further certificates from the caller (untrusted)
     * @param fetcher        AIA fetcher, or null to fetch nothing (the default)
     */
    public static Result verify(Sourced ekCertificate, List<Sourced> nvCertificates, TrustBundle trust,
                                List<TpmCertificate> supplied, Instant at, AiaFetcher fetcher) {
        List<Sourced> pool = new ArrayList<>(nvCertificates);
        for (TpmCertificate c : trust.anchors()) {
            pool.add(new Sourced(c, "trust-bundle"));
        }
        for (TpmCertificate c : trust.intermediates()) {
            pool.add(new Sourced(c, "trust-bundle"));
        }
        for (TpmCertificate c : supplied) {
            pool.add(new Sourced(c, "supplied"));
        }
        return new EkChain(trust, pool, at, fetcher).build(ekCertificate);
    }

    /** Verifies with no NV chain, no supplied certificates, no AIA fetching, now. */
    public static Result verify(TpmCertificate ekCertificate, TrustBundle trust) {
        return verify(new Sourced(ekCertificate, "supplied"), List.of(), trust, List.of(), Instant.now(), null);
    }

    private final Set<String> anchorPrints = new HashSet<>();
    private int fetches;

    private Result build(Sourced leaf) {
        for (TpmCertificate a : trust.anchors()) {
            anchorPrints.add(a.sha256());
        }
        Attempt best = new Attempt();
        List<Sourced> path = new ArrayList<>(List.of(leaf));
        search(path, best);
        return best.toResult(this);
    }

    /** The best path found so far: a trusted one wins; otherwise the longest with its problems. */
    private static final class Attempt {
        List<Sourced> path = List.of();
        List<String> problems = new ArrayList<>(List.of("no path to a trust anchor"));
        boolean trusted;
        String missingIssuer;
        String missingUrl;

        Result toResult(EkChain c) {
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                Sourced s = path.get(i);
                links.add(new Link(s.certificate(), s.source(), c.linkVerdict(path, i)));
            }
            Optional<TpmCertificate> anchor = trusted ? Optional.of(path.get(path.size() - 1).certificate())
                    : Optional.empty();
            return new Result(links, trusted, anchor, problems, Optional.ofNullable(missingIssuer),
                    Optional.ofNullable(missingUrl));
        }
    }

    /** Depth-first search for a path to an anchor; returns true once a fully valid one is found. */
    private boolean search(List<Sourced> path, Attempt best) {
        Sourced top = path.get(path.size() - 1);
        if (anchorPrints.contains(top.certificate().sha256())) {
            List<String> problems = checkPath(path);
            if (problems.isEmpty()) {
                best.path = List.copyOf(path);
                best.problems = List.of();
                best.trusted = true;
                return true;
            }
            record(best, path, problems, null, null);
            return false;
        }
        if (path.size() > MAX_DEPTH) {
            record(best, path, List.of("the chain is longer than " + MAX_DEPTH + " certificates"), null, null);
            return false;
        }
        X509Certificate child = top.certificate().certificate();
        List<Sourced> candidates = issuersOf(top.certificate());
        List<String> rejected = new ArrayList<>();
        boolean any = false;
        for (Sourced cand : candidates) {
            if (path.stream().anyMatch(p -> p.certificate().sha256().equals(cand.certificate().sha256()))) {
                rejected.add("loop: " + describe(cand) + " already appears in the chain");
                continue;
            }
            if (!signedBy(child, cand.certificate().publicKey())) {
                rejected.add("the signature of " + describe(top) + " does not verify with the key of "
                        + describe(cand));
                continue;
            }
            any = true;
            path.add(cand);
            if (search(path, best)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        if (!any) {
            List<String> problems = new ArrayList<>();
            String issuer = top.certificate().issuer();
            String url = top.certificate().caIssuersUrls().isEmpty() ? null : top.certificate().caIssuersUrls().get(0);
            if (top.certificate().isSelfIssued() && signedBy(child, top.certificate().publicKey())) {
                problems.add("self-signed certificate " + describe(top) + " is not a trust anchor");
            } else {
                problems.add("missing link: no certificate for the issuer of " + describe(top) + " (issuer "
                        + quote(issuer) + akiText(top.certificate()) + ")" + (url != null ? "; fetch it from " + url
                        : ""));
            }
            problems.addAll(rejected);
            record(best, path, problems, top.certificate().isSelfIssued() ? null : issuer, url);
        }
        return false;
    }

    private void record(Attempt best, List<Sourced> path, List<String> problems, String missing, String url) {
        boolean better = best.path.isEmpty() || path.size() > best.path.size()
                || (path.size() == best.path.size() && problems.size() < best.problems.size());
        if (better) {
            best.path = List.copyOf(path);
            best.problems = new ArrayList<>(problems);
            best.missingIssuer = missing;
            best.missingUrl = url;
        }
    }

    /** Candidate issuers: exact issuer-name match first (AKI = SKI before others), then canonical name matches. */
    private List<Sourced> issuersOf(TpmCertificate child) {
        byte[] issuer = child.certificate().getIssuerX500Principal().getEncoded();
        Map<String, Sourced> exactAki = new LinkedHashMap<>();
        Map<String, Sourced> exact = new LinkedHashMap<>();
        Map<String, Sourced> canonical = new LinkedHashMap<>();
        List<Sourced> all = new ArrayList<>(pool);
        if (fetcher != null && !child.caIssuersUrls().isEmpty() && fetches < MAX_DEPTH) {
            for (String url : child.caIssuersUrls()) {
                fetches++;
                fetcher.fetch(url).ifPresent(c -> all.add(new Sourced(c, "aia:" + url)));
            }
        }
        for (Sourced s : all) {
            X509Certificate c = s.certificate().certificate();
            String key = s.certificate().sha256();
            if (Arrays.equals(c.getSubjectX500Principal().getEncoded(), issuer)) {
                if (child.authorityKeyId() != null && s.certificate().subjectKeyId() != null
                        && Arrays.equals(child.authorityKeyId(), s.certificate().subjectKeyId())) {
                    exactAki.putIfAbsent(key, s);
                } else {
                    exact.putIfAbsent(key, s);
                }
            } else if (c.getSubjectX500Principal().equals(child.certificate().getIssuerX500Principal())) {
                canonical.putIfAbsent(key, s);
            }
        }
        List<Sourced> out = new ArrayList<>(exactAki.values());
        exact.values().stream().filter(s -> !exactAki.containsKey(s.certificate().sha256())).forEach(out::add);
        canonical.values().forEach(out::add);
        return out;
    }

    static boolean signedBy(X509Certificate child, PublicKey key) {
        try {
            child.verify(key);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Validity, CA constraints, path length and critical extensions along a signature-linked path. */
    private List<String> checkPath(List<Sourced> path) {
        List<String> problems = new ArrayList<>();
        int nonSelfIssuedBelow = 0;
        for (int i = 0; i < path.size(); i++) {
            Sourced s = path.get(i);
            TpmCertificate c = s.certificate();
            X509Certificate x = c.certificate();
            if (!c.isValidAt(at)) {
                problems.add((i == 0 ? "the EK certificate " : "") + describe(s) + " is not valid at " + at
                        + " (valid " + x.getNotBefore().toInstant() + " to " + x.getNotAfter().toInstant() + ")");
            }
            Set<String> critical = x.getCriticalExtensionOIDs() == null ? Set.of() : x.getCriticalExtensionOIDs();
            for (String oid : critical) {
                if (!HANDLED_CRITICAL.contains(oid)) {
                    problems.add(describe(s) + " has a critical extension tpm2j does not handle: " + oid);
                }
            }
            if (i > 0) {
                boolean isAnchor = i == path.size() - 1;
                if (x.getBasicConstraints() < 0 && !isAnchor) {
                    problems.add(describe(s) + " issues " + describe(path.get(i - 1))
                            + " but is not a CA (basicConstraints cA is not set)");
                }
                boolean[] ku = x.getKeyUsage();
                if (ku != null && (ku.length < 6 || !ku[5])) {
                    problems.add(describe(s) + " may not sign certificates (keyUsage lacks keyCertSign)");
                }
                int pathLen = x.getBasicConstraints();
                if (pathLen >= 0 && pathLen != Integer.MAX_VALUE && nonSelfIssuedBelow - 1 > pathLen) {
                    problems.add(describe(s) + " allows " + pathLen + " intermediate CA(s) below it, the path has "
                            + (nonSelfIssuedBelow - 1));
                }
            }
            if (!c.isSelfIssued()) {
                nonSelfIssuedBelow++;
            }
        }
        return problems;
    }

    private String linkVerdict(List<Sourced> path, int i) {
        Sourced s = path.get(i);
        if (anchorPrints.contains(s.certificate().sha256())) {
            return "trust anchor";
        }
        if (i + 1 < path.size()) {
            return "signed by " + path.get(i + 1).certificate().subject();
        }
        return "issuer not found";
    }

    private static String describe(Sourced s) {
        String subject = s.certificate().subject();
        return quote(subject.isEmpty() ? "(empty subject)" : subject) + " [" + s.source() + "]";
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static String akiText(TpmCertificate c) {
        return c.authorityKeyId() == null ? "" : ", key id " + Hex.of(c.authorityKeyId());
    }
}
