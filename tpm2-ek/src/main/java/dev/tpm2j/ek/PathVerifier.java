package dev.tpm2j.ek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a certification path from any leaf certificate to a trust anchor: the engine {@link EkChain} uses, for
 * chains that are not EK chains (a platform certificate, a device certificate, the PKITS-style cases). The path is
 * built from {@code candidates} and the {@link TrustBundle}'s intermediates by issuer name and signature (AKI→SKI as
 * a preference), never by position, and ends at one of the bundle's anchors. Every link must verify and pass the
 * path rules at the verification instant: validity, critical extensions, CA flag, keyCertSign, path length (RFC 5280
 * §6.1.4) and the signature algorithm allow-list; {@link LeafRules} says what the leaf itself must be. The search is
 * bounded as {@link EkChain} describes (its {@code MAX_*} budgets apply), so hostile candidates end it with
 * {@link EkChain.Status#BUDGET_EXCEEDED}, never a hang.
 *
 * <p>Not implemented, so a path that needs them is not what this verifies: revocation (CRL, OCSP), certificate
 * policies and policy constraints, name constraints (a critical one refuses the path; a non-critical one, which RFC
 * 5280 does not allow, is ignored). CA keys below RSA 2048 or EC 256 bits are refused; at most
 * {@link EkChain#MAX_CANDIDATES} supplied candidates are used.
 */
public final class PathVerifier {
    /** What the leaf must be, besides being signed into the path and valid. */
    public enum LeafRules {
        /** Any certificate that is not itself a trust anchor (it may be a CA). */
        ANY,
        /**
         * An EK certificate: not a CA, not a trust anchor, a keyUsage with keyEncipherment or keyAgreement when it has
         * one, an extendedKeyUsage that includes tcg-kp-EKCertificate (2.23.133.8.1) when it has one (absent: noted).
         */
        EK_CERTIFICATE
    }

    private PathVerifier() {
    }

    /**
     * Verifies {@code leaf} at {@code at} with {@code candidates} (untrusted: path material only) and the anchors and
     * intermediates of {@code trust}; nothing is fetched.
     *
     * @return the path found (or the longest attempt) with a {@link EkChain.Status} and one sentence per problem
     * @throws NullPointerException when an argument or a candidate is null
     */
    public static EkChain.Result verify(TpmCertificate leaf, List<TpmCertificate> candidates, TrustBundle trust,
                                        Instant at, LeafRules rules) {
        List<EkChain.Sourced> sourced = new ArrayList<>();
        for (TpmCertificate c : candidates) {
            sourced.add(new EkChain.Sourced(c, "supplied", Provenance.SUPPLIED));
        }
        return verify(new EkChain.Sourced(leaf, "supplied", Provenance.SUPPLIED), sourced, trust, at, rules, null);
    }

    /**
     * As {@link #verify(TpmCertificate, List, TrustBundle, Instant, LeafRules)}, with sources kept in the result's
     * links and, when {@code fetcher} is not null, missing issuers fetched from their AIA caIssuers URLs (http(s)
     * only, at most {@link EkChain#MAX_AIA_FETCHES}).
     */
    public static EkChain.Result verify(EkChain.Sourced leaf, List<EkChain.Sourced> candidates, TrustBundle trust,
                                        Instant at, LeafRules rules, AiaFetcher fetcher) {
        return search(leaf, candidates, trust, List.of(), at, rules, fetcher);
    }

    /**
     * The search over {@code first}, then the bundle's anchors and intermediates, then {@code after} (a certificate
     * present twice keeps its first source).
     */
    static EkChain.Result search(EkChain.Sourced leaf, List<EkChain.Sourced> first, TrustBundle trust,
                                 List<EkChain.Sourced> after, Instant at, LeafRules rules, AiaFetcher fetcher) {
        if (leaf == null || trust == null || at == null || rules == null) {
            throw new NullPointerException("leaf, trust, at and rules are required");
        }
        List<EkChain.Sourced> supplied = new ArrayList<>(first.size() + after.size());
        for (List<EkChain.Sourced> list : List.of(first, after)) {
            for (EkChain.Sourced s : list) {
                if (s == null || s.certificate() == null) {
                    throw new NullPointerException("a candidate is null");
                }
                supplied.add(s);
            }
        }
        int dropped = Math.max(0, supplied.size() - EkChain.MAX_CANDIDATES);
        List<EkChain.Sourced> pool = new ArrayList<>(supplied.subList(0, Math.min(first.size(),
                EkChain.MAX_CANDIDATES)));
        for (TpmCertificate c : trust.anchors()) {
            pool.add(new EkChain.Sourced(c, "trust-bundle", Provenance.TRUST_BUNDLE));
        }
        for (TpmCertificate c : trust.intermediates()) {
            pool.add(new EkChain.Sourced(c, "trust-bundle", Provenance.TRUST_BUNDLE));
        }
        int afterRoom = Math.max(0, EkChain.MAX_CANDIDATES - first.size());
        pool.addAll(after.subList(0, Math.min(after.size(), afterRoom)));
        return new PathSearch(trust, pool, at, fetcher, rules, dropped).build(leaf);
    }
}
