package dev.tpm2j.ek;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One bounded depth-first path search for {@link PathVerifier} (and so {@link EkChain}). Not thread-safe; one
 * instance per verification.
 */
final class PathSearch {
    /** A pool certificate with the keys the search indexes it by. */
    private record Entry(EkChain.Sourced sourced, String sha256, String subjectKey, String keyId, byte[] subject,
                         String canonicalSubject, boolean anchor) {
        TpmCertificate certificate() {
            return sourced.certificate();
        }
    }

    private final BundleIdentities identities;
    private final List<String> refused = new ArrayList<>();
    private final List<Entry> pool = new ArrayList<>();
    private final Set<String> pooled = new HashSet<>();
    private final Map<String, List<Entry>> bySubject = new HashMap<>();
    private final Map<String, Boolean> signatures = new HashMap<>();
    private final Set<String> expanded = new HashSet<>();
    private final Map<String, Boolean> fetchedUrls = new HashMap<>();
    private final Instant at;
    private final AiaFetcher fetcher;
    private final PathVerifier.LeafRules rules;
    private int nodes;
    private int signatureChecks;
    private int fetches;
    private boolean exhausted;

    PathSearch(TrustBundle trust, List<EkChain.Sourced> sources, Instant at, AiaFetcher fetcher,
               PathVerifier.LeafRules rules, int droppedCandidates) {
        if (droppedCandidates > 0) {
            refused.add(droppedCandidates + " supplied candidate certificate(s) beyond the first "
                    + EkChain.MAX_CANDIDATES + " were not used");
        }
        this.at = at;
        this.rules = rules;
        this.fetcher = fetcher;
        this.identities = new BundleIdentities(trust);
        for (EkChain.Sourced s : sources) {
            add(s);
        }
    }

    private Entry entry(EkChain.Sourced s) {
        TpmCertificate c = s.certificate();
        byte[] subject = c.certificate().getSubjectX500Principal().getEncoded();
        byte[] key = c.publicKey().getEncoded();
        byte[] both = Arrays.copyOf(subject, subject.length + key.length);
        System.arraycopy(key, 0, both, subject.length, key.length);
        String canonical = c.certificate().getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.CANONICAL);
        return new Entry(s, c.sha256(), Hex.sha256(both), BundleIdentities.keyId(c), subject, canonical,
                identities.isAnchor(c));
    }

    /**
     * Adds a certificate to the pool unless the same encoding is already there (the first source wins) or its key is
     * distrusted (then the refusal is reported with the verdict).
     */
    private void add(EkChain.Sourced s) {
        if (!pooled.add(s.certificate().sha256())) {
            return;
        }
        Entry e = entry(s);
        if (identities.isDistrustedKey(e.keyId())) {
            refused.add("distrusted CA " + describe(e) + " (its key is on the trust bundle's distrusted list) is not "
                    + "used as a link");
            return;
        }
        pool.add(e);
        bySubject.computeIfAbsent(e.canonicalSubject(), k -> new ArrayList<>()).add(e);
    }

    /** The best path found so far: a trusted one wins; otherwise the longest with its problems. */
    private static final class Attempt {
        List<Entry> path = List.of();
        List<String> problems = new ArrayList<>(List.of("no path to a trust anchor"));
        List<String> notes = List.of();
        String missingIssuer;
        String missingUrl;
    }

    EkChain.Result build(EkChain.Sourced leaf) {
        Attempt best = new Attempt();
        Entry first = entry(leaf);
        List<Entry> path = new ArrayList<>(List.of(first));
        boolean trusted;
        if (identities.isDistrustedKey(first.keyId())) {
            best.path = List.of(first);
            best.problems = List.of("the leaf " + describe(first) + " has a key on the trust bundle's distrusted list");
            trusted = false;
        } else {
            trusted = search(path, best);
        }
        EkChain.Status status = trusted ? EkChain.Status.TRUSTED
                : exhausted ? EkChain.Status.BUDGET_EXCEEDED : EkChain.Status.UNTRUSTED;
        List<String> problems = new ArrayList<>(best.problems);
        if (!trusted) {
            problems.addAll(refused);
        }
        if (status == EkChain.Status.BUDGET_EXCEEDED) {
            problems.add(0, "path building gave up: the inputs used the whole budget (" + nodes + " of "
                    + EkChain.MAX_NODES + " nodes, " + signatureChecks + " of " + EkChain.MAX_SIGNATURE_CHECKS
                    + " signature checks)");
        }
        List<EkChain.Link> links = new ArrayList<>();
        for (int i = 0; i < best.path.size(); i++) {
            EkChain.Sourced src = best.path.get(i).sourced();
            links.add(new EkChain.Link(src.certificate(), src.source(), linkVerdict(best.path, i), src.provenance()));
        }
        Optional<TpmCertificate> anchor = trusted
                ? Optional.of(best.path.get(best.path.size() - 1).certificate()) : Optional.empty();
        return new EkChain.Result(links, trusted, anchor, problems, Optional.ofNullable(best.missingIssuer),
                Optional.ofNullable(best.missingUrl), status, trusted ? best.notes : List.of(),
                new EkChain.Work(nodes, signatureChecks, fetches));
    }

    /** Depth-first search for a path to an anchor; returns true once a fully valid one is found. */
    private boolean search(List<Entry> path, Attempt best) {
        if (exhausted || ++nodes > EkChain.MAX_NODES) {
            exhausted = true;
            return false;
        }
        Entry top = path.get(path.size() - 1);
        if (top.anchor()) {
            List<String> problems = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            PathRules.check(path, Entry::certificate, Entry::anchor, PathSearch::describe, at, rules, problems,
                    notes);
            if (problems.isEmpty()) {
                best.path = List.copyOf(path);
                best.problems = List.of();
                best.notes = notes;
                return true;
            }
            record(best, path, problems, null, null);
            return false;
        }
        if (path.size() > EkChain.MAX_DEPTH) {
            record(best, path, List.of("the chain is longer than " + EkChain.MAX_DEPTH + " certificates"), null,
                    null);
            return false;
        }
        if (!expanded.add(state(path))) {
            return false; // explored from here in the same state already, without success
        }
        X509Certificate child = top.certificate().certificate();
        List<String> rejected = new ArrayList<>();
        boolean any = false;
        for (List<Entry> group : issuersOf(top)) {
            Entry first = group.get(0);
            if (path.stream().anyMatch(p -> p.subjectKey().equals(first.subjectKey()))) {
                rejected.add("loop: " + describe(first) + " already appears in the chain");
                continue;
            }
            Boolean ok = signedBy(top, first);
            if (ok == null) {
                return false;
            }
            if (!ok) {
                rejected.add("the signature of " + describe(top) + " does not verify with the key of "
                        + describe(first));
                continue;
            }
            for (Entry cand : group) {
                any = true;
                path.add(cand);
                if (search(path, best)) {
                    return true;
                }
                path.remove(path.size() - 1);
                if (exhausted) {
                    return false;
                }
            }
        }
        if (!any) {
            List<String> problems = new ArrayList<>();
            TpmCertificate tc = top.certificate();
            String issuer = tc.issuer();
            String url = tc.caIssuersUrls().isEmpty() ? null : tc.caIssuersUrls().get(0);
            if (tc.isSelfIssued() && Boolean.TRUE.equals(selfSigned(top))) {
                problems.add("self-signed certificate " + describe(top) + " is not a trust anchor");
            } else {
                problems.add("missing link: no certificate for the issuer of " + describe(top) + " (issuer "
                        + quote(issuer) + akiText(tc) + ")" + (url != null ? "; fetch it from " + url : ""));
            }
            problems.addAll(rejected);
            record(best, path, problems, tc.isSelfIssued() ? null : issuer, url);
        }
        return false;
    }

    /**
     * What a search from the top of {@code path} depends on besides the pool: the top certificate, the depth, and
     * what the certificates below contribute to the checks made once an anchor is reached — whether they already
     * break a rule (then no path through them is trusted, whatever lies above), how many intermediate CAs they count
     * for path-length constraints, and which (subject, key) pairs they hold for the loop check. Paths that agree on
     * all of these get the same verdicts above the top, so the second is not explored again; paths that differ are
     * explored apart, so an expired copy of an issuer tried first cannot hide its valid renewal. Each state is
     * explored at most once and the node budget bounds the number of states.
     */
    private String state(List<Entry> path) {
        List<String> problems = new ArrayList<>();
        PathRules.check(path, Entry::certificate, Entry::anchor, e -> "", at, rules, problems, new ArrayList<>());
        String top = path.get(path.size() - 1).sha256() + "@" + path.size();
        if (!problems.isEmpty()) {
            return top + " refused below";
        }
        int intermediates = 0;
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < path.size(); i++) {
            keys.add(path.get(i).subjectKey());
            if (i > 0 && !path.get(i).certificate().isSelfIssued()) {
                intermediates++;
            }
        }
        return top + " " + intermediates + " " + String.join(",", keys);
    }

    /**
     * Whether a self-issued certificate verifies with its own key, for the wording of a dead end only (it never
     * makes anything trusted): checked once per (subject, key), so re-encoded copies cost one verification.
     */
    private Boolean selfSigned(Entry e) {
        String key = "self|" + e.subjectKey();
        Boolean cached = signatures.get(key);
        if (cached != null) {
            return cached;
        }
        Boolean ok = signedBy(e, e);
        if (ok != null) {
            signatures.put(key, ok);
        }
        return ok;
    }

    /** Whether {@code issuer}'s key verifies {@code child}'s signature: cached, counted; null once over budget. */
    private Boolean signedBy(Entry child, Entry issuer) {
        String key = issuer.keyId() + "|" + child.sha256();
        Boolean cached = signatures.get(key);
        if (cached != null) {
            return cached;
        }
        if (signatureChecks >= EkChain.MAX_SIGNATURE_CHECKS) {
            exhausted = true;
            return null;
        }
        signatureChecks++;
        boolean ok;
        try {
            child.certificate().certificate().verify(issuer.certificate().publicKey());
            ok = true;
        } catch (Exception e) {
            ok = false;
        }
        signatures.put(key, ok);
        return ok;
    }

    private void record(Attempt best, List<Entry> path, List<String> problems, String missing, String url) {
        boolean better = path.size() > best.path.size()
                || (path.size() == best.path.size() && problems.size() < best.problems.size());
        if (better) {
            best.path = List.copyOf(path);
            best.problems = new ArrayList<>(problems);
            best.missingIssuer = missing;
            best.missingUrl = url;
        }
    }

    /**
     * Candidate issuers of {@code child}, grouped by (subject, key): exact issuer-name matches first (AKI = SKI
     * before others), then canonical name matches; within a group, trust anchors first.
     */
    private List<List<Entry>> issuersOf(Entry child) {
        TpmCertificate c = child.certificate();
        byte[] issuer = c.certificate().getIssuerX500Principal().getEncoded();
        String canonical = c.certificate().getIssuerX500Principal()
                .getName(javax.security.auth.x500.X500Principal.CANONICAL);
        if (bySubject.getOrDefault(canonical, List.of()).isEmpty()) {
            fetchAia(c); // only for a missing link: an issuer already at hand never costs a network round trip
        }
        List<Entry> exactAki = new ArrayList<>();
        List<Entry> exact = new ArrayList<>();
        List<Entry> loose = new ArrayList<>();
        for (Entry e : bySubject.getOrDefault(canonical, List.of())) {
            if (Arrays.equals(e.subject(), issuer)) {
                if (c.authorityKeyId() != null && e.certificate().subjectKeyId() != null
                        && Arrays.equals(c.authorityKeyId(), e.certificate().subjectKeyId())) {
                    exactAki.add(e);
                } else {
                    exact.add(e);
                }
            } else {
                loose.add(e);
            }
        }
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (List<Entry> tier : List.of(exactAki, exact, loose)) {
            for (Entry e : tier) {
                groups.computeIfAbsent(e.subjectKey(), k -> new ArrayList<>()).add(e);
            }
        }
        List<List<Entry>> out = new ArrayList<>();
        for (List<Entry> g : groups.values()) {
            List<Entry> ordered = new ArrayList<>(g);
            ordered.sort((a, b) -> Boolean.compare(b.anchor(), a.anchor()));
            out.add(ordered);
        }
        return out;
    }

    /** Fetches the child's AIA issuers once per URL, http(s) only, within the per-verification fetch budget. */
    private void fetchAia(TpmCertificate child) {
        if (fetcher == null) {
            return;
        }
        for (String url : child.caIssuersUrls()) {
            if (fetches >= EkChain.MAX_AIA_FETCHES) {
                return;
            }
            if (fetchedUrls.containsKey(url) || !isHttp(url)) {
                continue;
            }
            fetches++;
            Optional<TpmCertificate> got = fetcher.fetch(url);
            fetchedUrls.put(url, got.isPresent());
            got.ifPresent(cert -> add(new EkChain.Sourced(cert, "aia:" + url, Provenance.AIA)));
        }
    }

    static boolean isHttp(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("http")
                    || scheme.toLowerCase(Locale.ROOT).equals("https"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String linkVerdict(List<Entry> path, int i) {
        Entry s = path.get(i);
        if (s.anchor()) {
            return "trust anchor";
        }
        if (i + 1 < path.size()) {
            return "signed by " + path.get(i + 1).certificate().subject();
        }
        return "issuer not found";
    }

    private static String describe(Entry e) {
        String subject = e.certificate().subject();
        return quote(subject.isEmpty() ? "(empty subject)" : subject) + " [" + e.sourced().source() + "]";
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    private static String akiText(TpmCertificate c) {
        return c.authorityKeyId() == null ? "" : ", key id " + Hex.of(c.authorityKeyId());
    }
}
