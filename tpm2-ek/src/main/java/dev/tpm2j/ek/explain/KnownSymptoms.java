package dev.tpm2j.ek.explain;

import dev.tpm2j.ek.explain.Check.DiagnoseCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is known about the Windows codes, Autopilot events and log lines of TPM attestation failures, from public
 * field reports and Microsoft documentation: for each, a summary and the causes that can stand behind it, TPM ones
 * first, with the check that confirms or rules each out. Several of these have non-TPM causes too, and say so.
 */
final class KnownSymptoms {
    private KnownSymptoms() {
    }

    /** A known symptom: name (or null), summary and causes. */
    record Symptom(String name, String summary, List<Cause> causes) {
    }

    static final int ERROR_TIMEOUT = 0x800705B4;
    static final int MAX_ATTESTATION_RETRY = 0x81039001;
    static final int VULNERABLE_TPM_BLOCKED = 0x81039024;
    static final int AAD_NOT_AUTHORIZED = 0x801C0003;
    static final int CRYPT_E_NO_MATCH = 0x80092009;
    static final int CERT_E_EXPIRED = 0x800B0101;
    static final int WINHTTP_TIMEOUT = 0x80072EE2;

    private static Check diagnose(DiagnoseCheck c) {
        return new Check.Diagnose(c);
    }

    // the TPM causes of a failed attestation, each with its check
    private static final Cause NO_EK_CERT = Cause.tpm("the TPM has no EK certificate in NV (TPMs that fetch theirs "
            + "from the vendor's service at first boot) or an unreadable one", diagnose(DiagnoseCheck.EK_CERT));
    private static final Cause EK_MISMATCH = Cause.tpm("the EK certificate does not certify the EK this TPM derives",
            diagnose(DiagnoseCheck.EK_MATCH));
    private static final Cause CHAIN = Cause.tpm("the EK certificate does not chain to a root Microsoft trusts, or an "
            + "on-die intermediate CA (NV 0x01C00100…) is missing", new Check.EkChain());
    private static final Cause WRONG_AIK_URL = Cause.tpm("Windows built the AIK service URL from the EK "
            + "certificate's own issuer, a device-unique on-die CA (Intel PTT 11th gen+ before KB5007253, some AMD "
            + "fTPMs), so the service does not know it", new Check.AikUrl());
    private static final Cause ROCA = Cause.tpm("the TPM firmware has a known vulnerability (Infineon ROCA, "
            + "CVE-2017-15361): the service refuses it until the TPM firmware is updated", diagnose(DiagnoseCheck.ROCA));
    private static final Cause VIRTUAL = Cause.tpm("the TPM is virtual (a VM's vTPM) or a simulator: Autopilot "
            + "self-deploying and pre-provisioning need a physical TPM 2.0", diagnose(DiagnoseCheck.VIRTUAL_TPM));
    private static final Cause NOT_READY = Cause.tpm("the TPM is disabled, not TPM 2.0, or not answering",
            diagnose(DiagnoseCheck.TPM20));
    private static final Cause ACTIVATION = Cause.tpm("the TPM cannot complete AIK activation (ActivateCredential "
            + "with the EK): a firmware or EK policy problem", diagnose(DiagnoseCheck.ACTIVATION));
    private static final Cause CLOCK = Cause.elsewhere("the device clock is more than 10 minutes off: the AIK "
            + "certificate is back-dated only 10 minutes, so it is not yet (or no longer) valid",
            diagnose(DiagnoseCheck.CLOCK_SKEW));
    private static final Cause NETWORK_AIK = Cause.elsewhere("the network or a proxy blocks the AIK service "
            + "(*.microsoftaik.azure.net) or the vendor's EK certificate service",
            "test HTTPS to the AIK URL that `tpm2j aik-url` prints, from the device, without TLS inspection");

    private static final Map<Integer, Symptom> CODES = new HashMap<>();
    private static final Map<Integer, Symptom> EVENTS = new HashMap<>();
    private static final Map<String, Integer> NAMES = new HashMap<>();

    private static List<Cause> list(Cause... causes) {
        return List.of(causes);
    }

    private static void code(int code, String name, String summary, List<Cause> causes) {
        CODES.put(code, new Symptom(name, summary, causes));
        if (name != null) {
            NAMES.put(name.toUpperCase(Locale.ROOT), code);
        }
    }

    static {
        List<Cause> attestation = list(NO_EK_CERT, CHAIN, WRONG_AIK_URL, ROCA, VIRTUAL, ACTIVATION, CLOCK);
        List<Cause> timeout = new ArrayList<>(attestation);
        timeout.add(Cause.elsewhere("the Enrollment Status Page timed out on something else: app or policy "
                + "installation, or network access to the Autopilot and Intune services",
                "the ESP tracking in the Intune portal and the Autopilot event log (events 302, 156)"));
        code(ERROR_TIMEOUT, "ERROR_TIMEOUT", "HRESULT_FROM_WIN32(ERROR_TIMEOUT): \"Securing your hardware\" timed out, "
                + "usually after repeated TPM attestation attempts in self-deploying or pre-provisioning mode. Often "
                + "TPM attestation, but not always: confirm with events 302/156 and certreq -enrollaik", timeout);

        List<Cause> retry = new ArrayList<>(attestation);
        retry.add(Cause.elsewhere("an intermittent service-side failure: a clean retry (reset the device) can pass",
                "retry; if it passes, nothing on the device is wrong"));
        code(MAX_ATTESTATION_RETRY, "E_AUTOPILOT_CLIENT_TPM_MAX_ATTESTATION_RETRY_EXCEEDED",
                "the Autopilot client gave up after too many TPM attestation attempts", retry);

        code(VULNERABLE_TPM_BLOCKED, null, "Autopilot TPM attestation refused: seen on devices whose TPM firmware has "
                + "a known vulnerability; Microsoft blocks them until the TPM firmware is updated",
                list(ROCA, Cause.tpm("the TPM firmware is outdated for another known issue: update it from the OEM",
                        diagnose(DiagnoseCheck.TPM20)), VIRTUAL));

        code(AAD_NOT_AUTHORIZED, null, "Azure AD (Entra ID) device registration: the "
                + "device is not authorized to join. With SubCode MsaTicketTpmValidationFailed it is TPM attestation "
                + "(\"attestation statement cannot be verified\"); otherwise usually policy",
                list(ROCA, CHAIN, ACTIVATION, EK_MISMATCH, VIRTUAL,
                        Cause.elsewhere("the user reached the Entra ID device limit, or may not join devices",
                                "Entra ID > Devices > Device settings (maximum devices per user, who may join)"),
                        Cause.elsewhere("another Entra ID or Intune policy refused the device (device-type "
                                + "enrollment restrictions, a Windows Home edition, the device object deleted or disabled)",
                                "Intune enrollment restrictions and the device object in Entra ID")));

        code(CRYPT_E_NO_MATCH, "CRYPT_E_NO_MATCH", "\"cannot find the requested object\": in AIK enrollment, the AIK "
                + "service at the URL Windows used cannot match the EK certificate's issuer",
                list(WRONG_AIK_URL, CHAIN, Cause.elsewhere("a CryptoAPI lookup outside attestation found no "
                        + "matching certificate", "the certificate store the failing tool used")));

        code(CERT_E_EXPIRED, "CERT_E_EXPIRED", "a certificate is not within its validity period measured against "
                + "the system clock", list(Cause.tpm("the EK certificate or an intermediate of its chain has "
                        + "expired", new Check.EkChain()), CLOCK,
                        Cause.elsewhere("a TLS certificate on the way (proxy with TLS inspection) has expired",
                                "the proxy's certificate")));

        code(WINHTTP_TIMEOUT, "ERROR_WINHTTP_TIMEOUT", "WinHTTP error 12002: a web service did not answer in time; in "
                + "attestation the AIK service or the EK certificate service",
                list(WRONG_AIK_URL, Cause.tpm("the TPM has no EK certificate in NV, so Windows must download it "
                        + "and that service did not answer", diagnose(DiagnoseCheck.EK_CERT)), NETWORK_AIK));

        EVENTS.put(302, new Symptom(null, "Autopilot (ModernDeployment-Diagnostics-Provider) event 302: device "
                + "enrollment failed, typically during stage AADEnroll with 0x801C0003 — Azure AD join refused the "
                + "device; TPM attestation only when event 204 or the SubCode says MsaTicketTpmValidationFailed",
                CODES.get(AAD_NOT_AUTHORIZED).causes()));
        List<Cause> msaTpm = new ArrayList<>(list(NOT_READY, NO_EK_CERT, CHAIN, VIRTUAL, ACTIVATION, WRONG_AIK_URL));
        msaTpm.add(Cause.elsewhere("something else interfered with hardware TPM attestation (network, policy, a "
                + "previous failed attempt)", "the events around it and `certreq -enrollaik -config \"\"`"));
        EVENTS.put(156, new Symptom(null, "Autopilot event 156: the MSA TPM is not configured for hardware TPM "
                + "attestation although the profile requires it; something stopped hardware attestation, the "
                + "event does not say what", msaTpm));
        EVENTS.put(204, new Symptom(null, "User Device Registration event 204: registration failed; with "
                + "{\"Code\":\"AuthorizationError\",\"SubCode\":\"MsaTicketTpmValidationFailed\"} the service "
                + "did not accept the TPM attestation", list(ROCA, CHAIN, ACTIVATION, EK_MISMATCH, CLOCK)));
    }

    /** The explained Windows/Autopilot code, or null. */
    static Symptom code(int code) {
        return CODES.get(code);
    }

    /** The explained event id, or null. */
    static Symptom event(int id) {
        return EVENTS.get(id);
    }

    /** True for the event ids tpm2j explains (302, 156, 204). */
    static boolean isKnownEvent(int id) {
        return EVENTS.containsKey(id);
    }

    /** The code of a symbolic name tpm2j explains (CERT_E_EXPIRED …), or null. */
    static Integer codeOfName(String name) {
        return NAMES.get(name.toUpperCase(Locale.ROOT));
    }

    /** {@code -NoValidEkCert} in TpmHliInfo_Output.txt. */
    static final Symptom NO_VALID_EK_CERT = new Symptom("NoValidEkCert", "TpmHliInfo: Windows found no usable EK "
            + "certificate (in NV or downloaded); attestation cannot start without one",
            list(NO_EK_CERT, EK_MISMATCH, NETWORK_AIK,
                    Cause.elsewhere("the TPM vendor's driver (Intel/AMD) is missing, or the TPM maintenance task "
                            + "(which fetches the EK certificate) has not run",
                            "Task Scheduler > Microsoft > Windows > TPM > Tpm-Maintenance; Device Manager")));

    /** The log line "MSA TPM keystate … server state = unattested key, … client state = attested key". */
    static final Symptom UNATTESTED_KEY = new Symptom(null, "the client attested its TPM key but the service "
            + "did not accept the attestation (server state: unattested key)",
            list(CHAIN, WRONG_AIK_URL, ROCA, ACTIVATION, CLOCK));

    /** MsaTicketTpmValidationFailed in a registration error. */
    static final Symptom MSA_TICKET_TPM_VALIDATION_FAILED = new Symptom("MsaTicketTpmValidationFailed",
            "Entra ID device registration refused the TPM attestation statement (AuthorizationError, "
                    + "MsaTicketTpmValidationFailed); field reports pair it with \"TPM firmware needs update\"",
            list(ROCA, CHAIN, ACTIVATION, EK_MISMATCH, CLOCK));

    /** "The authority … does not exist." in certreq -enrollaik output. */
    static final Symptom AUTHORITY_DOES_NOT_EXIST = new Symptom(null, "the AIK service has no CA under the key id in "
            + "the AIK URL Windows used: the URL was built from the wrong issuer", list(WRONG_AIK_URL, CHAIN));
}
