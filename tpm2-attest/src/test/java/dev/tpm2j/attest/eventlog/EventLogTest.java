package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.TestData;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.ToolProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real event logs in testdata/eventlogs against an independent reference: tpm2-tools' {@code tpm2_eventlog}
 * (run here; a missing tool fails the test). Replayed PCRs must equal the tool's, bank by bank, PCR by PCR.
 */
class EventLogTest {
    @ParameterizedTest
    @ValueSource(strings = {"crypto_agile_eventlog.bin", "coreos_36_shielded_vm_no_secure_boot_eventlog.bin",
            "ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin", "sb_cert_eventlog.bin",
            "ebs_event_missing_eventlog.bin"})
    void replayEqualsTpm2Eventlog(String name) {
        EventLog log = EventLog.parse(TestData.eventLogBytes(name));
        PcrValues reference = tpm2EventlogPcrs(name);
        assertFalse(reference.banks().isEmpty(), "tpm2_eventlog printed no PCRs for " + name);
        ReplayedPcrs replayed = log.replay();
        // the same banks and the same set of extended PCRs, with equal values
        assertEquals(reference.banks().keySet(), replayed.extended().banks().keySet(), name + ": banks");
        for (var bank : reference.banks().entrySet()) {
            assertEquals(bank.getValue().keySet(), replayed.extended().banks().get(bank.getKey()).keySet(),
                    name + ": PCRs extended in " + HashBank.name(bank.getKey()));
            for (var pcr : bank.getValue().entrySet()) {
                assertEquals(pcr.getValue(), replayed.value(bank.getKey(), pcr.getKey()),
                        name + " " + HashBank.name(bank.getKey()) + ":" + pcr.getKey());
            }
        }
        assertInstanceOf(PcrComparison.Matches.class, replayed.compareWith(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"crypto_agile_eventlog.bin", "coreos_36_shielded_vm_no_secure_boot_eventlog.bin",
            "ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin", "sb_cert_eventlog.bin",
            "ebs_event_missing_eventlog.bin", "option_rom_eventlog.bin"})
    void everyEventOfEveryRealLogDecodesAsItsType(String name) {
        EventLog log = EventLog.parse(TestData.eventLogBytes(name));
        for (TcgEvent e : log.events()) {
            EventContent c = e.content();
            assertFalse(c instanceof EventContent.Undecodable, name + " event " + e.number() + ": " + c);
            if (e.eventType() == EventType.EV_EFI_VARIABLE_DRIVER_CONFIG
                    || e.eventType() == EventType.EV_EFI_VARIABLE_BOOT) {
                assertInstanceOf(EventContent.EfiVariable.class, c);
            }
            if (e.eventType() == EventType.EV_SEPARATOR) {
                assertInstanceOf(EventContent.Separator.class, c);
            }
        }
    }

    @Test
    void cryptoAgileHeaderDeclaresEveryBankAndEveryEventCarriesThem() {
        EventLog log = EventLog.parse(TestData.eventLogBytes("sb_cert_eventlog.bin"));
        LogFormat.CryptoAgile agile = assertInstanceOf(LogFormat.CryptoAgile.class, log.format());
        assertEquals(List.of(TpmAlgId.SHA1, TpmAlgId.SHA256, TpmAlgId.SHA384), agile.specId().banks());
        assertEquals(2, agile.specId().specVersionMajor());
        assertInstanceOf(EventContent.SpecId.class, log.events().get(0).content());
        for (TcgEvent e : log.events().subList(1, log.events().size())) {
            assertEquals(agile.specId().banks(), List.copyOf(e.digests().keySet()), "event " + e.number());
        }
    }

    @Test
    void optionRomLogThatCrashesTpm2EventlogParses() {
        EventLog log = EventLog.parse(TestData.eventLogBytes("option_rom_eventlog.bin"));
        assertInstanceOf(LogFormat.Sha1Only.class, log.format());
        // option ROMs are measured into PCR 2 as boot services drivers
        long drivers = log.events().stream().filter(e -> e.pcrIndex() == 2
                && e.eventType() == EventType.EV_EFI_BOOT_SERVICES_DRIVER).count();
        assertTrue(drivers > 0, "no option ROM (boot services driver) events in PCR 2");
        for (TcgEvent e : log.events()) {
            if (e.eventType() == EventType.EV_EFI_BOOT_SERVICES_DRIVER) {
                EventContent.ImageLoad img = assertInstanceOf(EventContent.ImageLoad.class, e.content());
                assertFalse(img.devicePathSummary().isEmpty());
            }
        }
        PcrValues replayed = log.replay().extended();
        assertTrue(replayed.value(TpmAlgId.SHA1, 2) != null, "PCR 2 replayed");
        // independent check of the replay arithmetic: extend by hand, event by event, for PCR 2
        byte[] pcr2 = new byte[20];
        for (TcgEvent e : log.events()) {
            if (e.pcrIndex() == 2 && e.extended()) {
                pcr2 = dev.tpm2j.core.crypto.TpmHash.hash(TpmAlgId.SHA1, pcr2,
                        e.digests().get(TpmAlgId.SHA1).toByteArray());
            }
        }
        assertEquals(Bytes.of(pcr2), replayed.value(TpmAlgId.SHA1, 2));
    }

    @Test
    void truncatedNoActionHeaderIsRefusedWithATypedError() {
        byte[] log = TestData.eventLogBytes("short_no_action_eventlog.bin");
        assertEquals(49, log.length);
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> EventLog.parse(log));
        assertTrue(e.getMessage().contains("Spec ID"), e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void everyTruncationOfARealLogIsRefusedOrParsesAPrefix() {
        byte[] log = TestData.eventLogBytes("crypto_agile_eventlog.bin");
        int events = EventLog.parse(log).events().size();
        for (int cut = 0; cut < log.length; cut += 7) {
            byte[] part = java.util.Arrays.copyOf(log, cut);
            try {
                assertTrue(EventLog.parse(part).events().size() < events);
            } catch (EventLogFormatException expected) {
                assertTrue(expected.offset() >= 0 && expected.offset() <= cut);
            }
        }
    }

    @Test
    void secureBootStateAndTypedContentOfRealLogs() {
        EventLog ubuntu = EventLog.parse(TestData.eventLogBytes(
                "ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin"));
        assertInstanceOf(SecureBootState.Disabled.class, ubuntu.secureBoot(ubuntu.replay().extended()));
        EventLog sb = EventLog.parse(TestData.eventLogBytes("sb_cert_eventlog.bin"));
        assertInstanceOf(SecureBootState.Enabled.class, sb.secureBoot(sb.replay().extended()));
        boolean sawSeparator = false;
        boolean sawAction = false;
        boolean sawApp = false;
        for (TcgEvent e : ubuntu.events()) {
            EventContent c = e.content();
            if (c instanceof EventContent.Separator s) {
                sawSeparator = true;
                assertFalse(s.signalsError());
                assertTrue(e.digestCoversData());
            } else if (c instanceof EventContent.Action a) {
                sawAction = true;
                assertFalse(a.text().isEmpty());
                assertTrue(e.digestCoversData(), a.text());
            } else if (c instanceof EventContent.ImageLoad img) {
                sawApp = true;
                assertTrue(img.devicePathSummary().contains("\\") || img.devicePathSummary().contains("("),
                        img.devicePathSummary());
            }
            assertFalse(c instanceof EventContent.Undecodable, "event " + e.number() + ": " + c);
        }
        assertTrue(sawSeparator && sawAction && sawApp);
        assertTrue(ubuntu.events().stream().anyMatch(e -> e.content() instanceof EventContent.Action a
                && a.text().equals("Calling EFI Application from Boot Option")));
        assertTrue(ubuntu.events().stream().anyMatch(e -> e.content() instanceof EventContent.ImageLoad img
                && img.devicePathSummary().toUpperCase().contains("\\EFI\\")),
                "a boot application loaded from an EFI path");
    }

    @Test
    void changedDigestIsNamedAsTheFirstDifferingPcr() {
        EventLog log = EventLog.parse(TestData.eventLogBytes("crypto_agile_eventlog.bin"));
        PcrValues truth = log.replay().extended();
        byte[] other = new byte[32];
        other[0] = 1;
        PcrValues reported = truth.with(TpmAlgId.SHA256, 4, Bytes.of(other)).with(TpmAlgId.SHA256, 7,
                Bytes.of(other));
        PcrComparison.Differs d = assertInstanceOf(PcrComparison.Differs.class,
                log.replay().compareWith(reported));
        assertEquals(4, d.pcr());
        assertEquals(TpmAlgId.SHA256, d.hashAlg());
        assertEquals(truth.value(TpmAlgId.SHA256, 4), d.replayed());
    }

    /** Runs tpm2_eventlog and reads its "pcrs:" section. */
    static PcrValues tpm2EventlogPcrs(String name) {
        String out = run(Swtpm.findExecutable("tpm2_eventlog"), TestData.eventLog(name).toString());
        int at = out.indexOf("\npcrs:");
        if (at < 0) {
            return fail("tpm2_eventlog printed no pcrs section for " + name);
        }
        Map<Integer, SortedMap<Integer, Bytes>> banks = new LinkedHashMap<>();
        SortedMap<Integer, Bytes> current = null;
        Pattern bank = Pattern.compile("^  (\\w+):\\s*$");
        Pattern pcr = Pattern.compile("^    (\\d+)\\s*: 0x([0-9a-fA-F]+)\\s*$");
        for (String line : out.substring(at + 1).split("\n")) {
            Matcher b = bank.matcher(line);
            Matcher p = pcr.matcher(line);
            if (b.matches()) {
                current = new TreeMap<>();
                banks.put(HashBank.parse(b.group(1)), current);
            } else if (p.matches() && current != null) {
                current.put(Integer.parseInt(p.group(1)), Bytes.fromHex(p.group(2)));
            }
        }
        return new PcrValues(banks);
    }

    static String run(String... cmd) {
        ToolProcess.Result r = ToolProcess.run(List.of(cmd), Map.of(), Duration.ofSeconds(60), true);
        if (r.exitCode() != 0) {
            return fail(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stdout());
        }
        return r.stdout();
    }
}
