#!/usr/bin/env python3
"""Writes the synthetic MDMDiagnosticsTool fixture folders next to this script (see README.md).

Run it from anywhere: python3 make-fixtures.py. The output is deterministic.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(folder, name, text, encoding, bom=False, crlf=True):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    if bom:
        data = {"utf-16-le": b"\xff\xfe", "utf-8": b"\xef\xbb\xbf"}[encoding] + data
    with open(os.path.join(HERE, folder, name), "wb") as f:
        f.write(data)


def event_xml(event_id, provider, level, when, data_pairs, message=None):
    data = "".join("<Data Name='%s'>%s</Data>" % (k, v) for k, v in data_pairs)
    msg = "<RenderingInfo Culture='de-DE'><Message>%s</Message></RenderingInfo>" % message if message else ""
    return ("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            "<Provider Name='%s' Guid='{00000000-0000-0000-0000-000000000000}'/>"
            "<EventID>%d</EventID><Version>0</Version><Level>%d</Level><Task>0</Task><Opcode>0</Opcode>"
            "<Keywords>0x4000000000000000</Keywords><TimeCreated SystemTime='%s'/><EventRecordID>%d</EventRecordID>"
            "<Channel>Microsoft-Windows-ModernDeployment-Diagnostics-Provider/Autopilot</Channel>"
            "<Computer>DESKTOP-TEST</Computer><Security UserID='S-1-5-18'/></System>"
            "<EventData>%s</EventData>%s</Event>\n" % (provider, event_id, level, when, event_id * 7, data, msg))


MD = "Microsoft-Windows-ModernDeployment-Diagnostics-Provider"

# 1. UTF-16LE with BOM and CRLF (as PowerShell's > redirection writes), German text around the stable parts
write("utf16-no-ek-cert", "TpmHliInfo_Output.txt", """TPM-Informationen (HLI)
TpmPresent: True
TpmReady: False
ManufacturerId: 0x414D4400
ManufacturerVersion: 3.57.0.5
-NoValidEkCert: Kein gültiges EK-Zertifikat gefunden
""", "utf-16-le", bom=True)
write("utf16-no-ek-cert", "AutopilotEvents.xml",
      event_xml(100, MD, 4, "2026-11-30T08:00:00.0000000Z", [("Message", "Autopilot gestartet")])
      + event_xml(156, MD, 2, "2026-11-30T08:05:00.0000000Z", [("Info", "MSA TPM")],
                  "AutopilotManager meldet: MSA-TPM ist nicht für die Hardware-TPM-Nachweisführung konfiguriert.")
      + event_xml(302, MD, 2, "2026-11-30T08:09:00.0000000Z", [("Stage", "AADEnroll"), ("HResult", "0x801C0003")],
                  "Geräteregistrierung in Phase AADEnroll fehlgeschlagen, Fehler 0x801C0003"),
      "utf-16-le", bom=True)
write("utf16-no-ek-cert", "notes.bin", "\x00\x01binary\x02", "utf-8", crlf=False)

# 2. UTF-8 without BOM, CRLF: certreq against the naive AIK URL of an on-die CA EK; CSV export (UTF-8 with BOM)
write("utf8-wrong-aik-url", "Certreq_enrollaik_output.txt", """Zertifikatanforderungsverarbeitung: enrollaik
URL: https://intc-keyid-4d2a7c0d1e9f8a6b5c4d3e2f1a0b9c8d7e6f5a4b.microsoftaik.azure.net/templates/Aik/scep
HTTP/1.1 404 Not Found
{"Message":"The authority \\"intc-keyid-4d2a7c0d1e9f8a6b5c4d3e2f1a0b9c8d7e6f5a4b\\" does not exist."}
CertReq: Das angeforderte Objekt wurde nicht gefunden. 0x80092009 (-2146885623 CRYPT_E_NO_MATCH)
""", "utf-8")
write("utf8-wrong-aik-url", "TpmHliInfo_Output.txt", """TpmPresent: True
TpmReady: True
ManufacturerId: 0x494E5443
""", "utf-8")
write("utf8-wrong-aik-url", "Autopilot.csv", "Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie\n"
      "Informationen,30.11.2026 08:00:00,%s,100,Keine,\"Autopilot gestartet\"\n"
      "Fehler,30.11.2026 08:09:00,%s,302,Keine,\"Geräteregistrierung fehlgeschlagen, Phase AADEnroll,\n"
      "Fehler 0x801C0003 (\"\"nicht autorisiert\"\")\"\n"
      "Fehler,30.11.2026 08:10:00,%s,999,Keine,\"ein anderes Ereignis\"\n" % (MD, MD, MD), "utf-8", bom=True)

# 3. UTF-8, LF only: the AIK certificate is not yet valid because the clock is off
write("utf8-clock", "Certreq_enrollaik_output.txt", """enrollaik
https://amd-keyid-0123456789abcdef0123456789abcdef01234567.microsoftaik.azure.net/templates/Aik/scep
CertReq: CERT_E_EXPIRED
""", "utf-8", crlf=False)

# 4. garbage under the expected names: random bytes, truncated XML, unbalanced CSV quotes, a long line
rnd = random.Random(16)
os.makedirs(os.path.join(HERE, "garbage"), exist_ok=True)
with open(os.path.join(HERE, "garbage", "TpmHliInfo_Output.txt"), "wb") as f:
    f.write(bytes(rnd.randrange(256) for _ in range(4096)))
with open(os.path.join(HERE, "garbage", "Certreq_enrollaik_output.txt"), "wb") as f:
    f.write(b"\xff\xfe" + bytes(rnd.randrange(256) for _ in range(1001)))
write("garbage", "events.xml", "<Event><System><EventID>30", "utf-8", crlf=False)
write("garbage", "events.csv", "a,b,c,\"unbalanced\n" + "x," * 5000, "utf-8")
write("garbage", "empty.xml", "", "utf-8")
