/**
 * From the symptom a Windows user sees to the TPM cause and the tpm2j check that confirms or rules it out:
 * {@link dev.tpm2j.diagnose.explain.Explainer} explains one code, event id or log line; {@link dev.tpm2j.diagnose.explain.LogFolder}
 * reads an extracted {@code MDMDiagnosticsTool -area Autopilot;TPM} folder; {@link dev.tpm2j.diagnose.explain.AutopilotEvents}
 * reads the Autopilot event channel on Windows. Every file and every pasted line is untrusted input.
 */
package dev.tpm2j.diagnose.explain;
