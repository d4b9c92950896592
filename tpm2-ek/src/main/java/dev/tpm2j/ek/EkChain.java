package dev.tpm2j.ek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds and verifies the path from an EK certificate to a trust anchor across the certificates read from the TPM's
 * NV chain indices, a {@link TrustBundle}, certificates the caller supplies and (optionally) certificates fetched
 * from AIA URLs: {@link PathVerifier} with {@link PathVerifier.LeafRules#EK_CERTIFICATE}. Links are found by issuer name and signature, with AKI→SKI as a preference, never by position.
 * Nothing is trusted because of where it was found: only a path to one of the bundle's anchors counts.
 *
 * <p>The inputs are chosen by whoever controls the device, so the search is bounded: certificates are
 * de-duplicated by encoding, issuers sharing a subject and key are tried as one candidate (one signature check),
 * each signature result is cached per (issuer key, certificate), a (subject, key) appears at most once in a path,
 * a certificate is expanded at most once per depth in the whole search, and a global budget of
 * {@value #MAX_NODES} nodes and {@value #MAX_SIGNATURE_CHECKS} signature checks ends the search with the verdict
 * {@link Status#BUDGET_EXCEEDED}.
 */
public final class EkChain {
    /** The longest path tried before giving up (a 10-deep chain is fine). */
    public static final int MAX_DEPTH = 16;
    /** Path-building nodes (certificates placed on a path) per verification. */
    public static final int MAX_NODES = 1024;
    /**
     * Signature verifications per verification (each distinct one is done once). A real chain needs one per link
     * plus one per same-named impostor; 64 slow (P-521) verifications stay well under a second.
     */
    public static final int MAX_SIGNATURE_CHECKS = 64;
    /** AIA fetches per verification; each URL is fetched at most once, and only http(s) URLs are fetched. */
    public static final int MAX_AIA_FETCHES = 8;
    /**
     * Supplied candidates (NV chain, caller's list) used per verification; the trust bundle does not count. Each path
     * node scans the candidates with its issuer's name, so a hostile list of thousands would cost seconds within the
     * node budget; beyond this many the rest are left out and the verdict says so.
     */
    public static final int MAX_CANDIDATES = 256;

    /**
     * A certificate and where it came from: {@code nv:0x01c00100}, {@code trust-bundle}, {@code aia:<url>},
     * {@code supplied}, with the {@link Provenance} of that place.
     */
    public record Sourced(TpmCertificate certificate, String source, Provenance provenance) {
        /** A source whose provenance follows from the source string alone ({@code nv:…} is not examined). */
        public Sourced(TpmCertificate certificate, String source) {
            this(certificate, source, Provenance.ofSource(source));
        }
    }

    /** One link of the result: a certificate, its source and provenance, and its own verdict. */
    public record Link(TpmCertificate certificate, String source, String verdict, Provenance provenance) {
        /** A link with the provenance its source string implies. */
        public Link(TpmCertificate certificate, String source, String verdict) {
            this(certificate, source, verdict, Provenance.ofSource(source));
        }
    }

    /** The kind of verdict. */
    public enum Status {
        /** A path to a trust anchor with every check passing. */
        TRUSTED,
        /** No acceptable path: the problems say why. */
        UNTRUSTED,
        /** The search used its whole budget of nodes or signature checks before finding a path (hostile input). */
        BUDGET_EXCEEDED
    }

    /**
     * The work a verification did: certificates placed on a path, signature verifications performed (cached
     * results are not counted again), and AIA fetches.
     */
    public record Work(int nodes, int signatureChecks, int aiaFetches) {
    }

    /**
     * The outcome: the chain from the EK certificate upward (as far as it could be built), whether it reaches a
     * trust anchor with every check passing, the problems found (one specific sentence each), and when a link is
     * missing, which issuer and where it might be fetched.
     *
     * @param status the kind of verdict
     * @param notes  remarks on an acceptable path (SHA-1 signatures, absent TCG EK markers)
     * @param work   what the search cost
     */
    public record Result(List<Link> chain, boolean trusted, Optional<TpmCertificate> anchor, List<String> problems,
                         Optional<String> missingIssuer, Optional<String> missingIssuerUrl, Status status,
                         List<String> notes, Work work) {
        /** Copies the lists. */
        public Result {
            chain = List.copyOf(chain);
            problems = List.copyOf(problems);
            notes = List.copyOf(notes);
        }

        /** Whether the chain reaches a trust anchor (trusted, or refused only by checks along a complete path). */
        public boolean anchorReached() {
            return !chain.isEmpty() && chain.get(chain.size() - 1).verdict().equals("trust anchor");
        }

        /** "trusted: chains to …" or "untrusted: &lt;first problem&gt;". */
        public String verdict() {
            if (trusted) {
                return "trusted: chains to " + anchor.map(TpmCertificate::subject).orElse("?");
            }
            return "untrusted: " + (problems.isEmpty() ? "no path to a trust anchor" : problems.get(0));
        }
    }

    private EkChain() {
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
        List<Sourced> after = new ArrayList<>();
        for (TpmCertificate c : supplied) {
            after.add(new Sourced(c, "supplied", Provenance.SUPPLIED));
        }
        return PathVerifier.search(ekCertificate, nvCertificates, trust, after, at,
                PathVerifier.LeafRules.EK_CERTIFICATE, fetcher);
    }

    /** Verifies with no NV chain, no supplied certificates, no AIA fetching, now. */
    public static Result verify(TpmCertificate ekCertificate, TrustBundle trust) {
        return verify(new Sourced(ekCertificate, "supplied"), List.of(), trust, List.of(), Instant.now(), null);
    }
}
