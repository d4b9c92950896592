package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JNA binding of tbs.dll against the declarations of Windows' {@code tbs.h} (it cannot be executed here): every
 * entry point's parameter and return types, pointer-sized context handles, the TBS_CONTEXT_PARAMS2 layout and flag
 * bits, the priority/locality constants, and the TBS_E_* result codes. A drifted signature fails this test.
 */
class TbsSignatureTest {

    /**
     * tbs.h, as JNA types: TBS_RESULT and UINT32 are int; TBS_HCONTEXT (PVOID) is Pointer; PTBS_HCONTEXT is
     * PointerByReference; PCBYTE / PBYTE buffers are byte[]; PUINT32 is IntByReference; PVOID is Pointer.
     */
    static final Map<String, List<Class<?>>> TBS_H = new LinkedHashMap<>();

    static {
        // TBS_RESULT Tbsi_Context_Create(PCTBS_CONTEXT_PARAMS pContextParams, PTBS_HCONTEXT phContext)
        TBS_H.put("Tbsi_Context_Create", List.of(JnaTbsApi.ContextParams2.class, PointerByReference.class));
        // TBS_RESULT Tbsip_Submit_Command(TBS_HCONTEXT, TBS_COMMAND_LOCALITY, TBS_COMMAND_PRIORITY, PCBYTE, UINT32,
        //                                 PBYTE, PUINT32)
        TBS_H.put("Tbsip_Submit_Command", List.of(Pointer.class, int.class, int.class, byte[].class, int.class,
                byte[].class, IntByReference.class));
        // TBS_RESULT Tbsip_Context_Close(TBS_HCONTEXT hContext)
        TBS_H.put("Tbsip_Context_Close", List.of(Pointer.class));
        // TBS_RESULT Tbsi_GetDeviceInfo(UINT32 Size, PVOID Info)
        TBS_H.put("Tbsi_GetDeviceInfo", List.of(int.class, Pointer.class));
        // TBS_RESULT Tbsi_Get_TCG_Log(TBS_HCONTEXT hContext, PBYTE pOutputBuf, PUINT32 pOutputBufLen)
        TBS_H.put("Tbsi_Get_TCG_Log", List.of(Pointer.class, byte[].class, IntByReference.class));
    }

    @Test
    void everyEntryPointMatchesTbsH() {
        Method[] methods = JnaTbsApi.Tbs.class.getDeclaredMethods();
        assertEquals(TBS_H.size(), methods.length, Arrays.toString(methods));
        for (Method m : methods) {
            List<Class<?>> expected = TBS_H.get(m.getName());
            assertTrue(expected != null, m.getName() + " is not a tbs.h entry point");
            assertEquals(expected, List.of(m.getParameterTypes()), m.getName());
            assertEquals(int.class, m.getReturnType(), m.getName() + " returns TBS_RESULT (UINT32)");
        }
        assertTrue(com.sun.jna.win32.StdCallLibrary.class.isAssignableFrom(JnaTbsApi.Tbs.class), "WINAPI is stdcall");
    }

    @Test
    void contextHandlesArePointerSizedEverywhere() throws Exception {
        assertEquals(long.class, TbsApi.class.getMethod("contextClose", long.class).getParameterTypes()[0]);
        assertEquals(long[].class, TbsApi.class.getMethod("contextCreate", int.class, int.class, long[].class)
                .getParameterTypes()[2]);
        assertEquals(long.class, TbsApi.class.getMethod("submitCommand", long.class, int.class, int.class,
                byte[].class, int.class, byte[].class, int[].class).getParameterTypes()[0]);
        assertEquals(long.class, TbsApi.class.getMethod("getTcgLog", long.class, byte[].class, int[].class)
                .getParameterTypes()[0]);
    }

    @Test
    void contextParams2IsTwoUint32sAndTheFlagsAreTbsHsBits() {
        JnaTbsApi.ContextParams2 p = new JnaTbsApi.ContextParams2();
        // typedef struct tdTBS_CONTEXT_PARAMS2 { UINT32 version; union { struct { UINT32 requestRaw : 1;
        //   UINT32 includeTpm12 : 1; UINT32 includeTpm20 : 1; }; UINT32 asUINT32; }; }
        assertEquals(8, p.size());
        assertEquals(List.of("version", "flags"), fieldOrder(p));
        assertEquals(2, TbsApi.CONTEXT_VERSION_TWO); // TBS_CONTEXT_VERSION_TWO
        assertEquals(1 << 2, TbsApi.INCLUDE_TPM20); // includeTpm20 is the third bit (after requestRaw, includeTpm12)
        assertEquals(200, TbsApi.PRIORITY_NORMAL); // TBS_COMMAND_PRIORITY_NORMAL
        assertEquals(0, TbsApi.LOCALITY_ZERO); // TBS_COMMAND_LOCALITY_ZERO
        assertEquals(0, TbsApi.SUCCESS); // TBS_SUCCESS
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldOrder(Structure s) {
        try {
            Method m = Structure.class.getDeclaredMethod("getFieldOrder");
            m.setAccessible(true);
            return (List<String>) m.invoke(s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resultCodesAreTbsHs() {
        String[] names = {"TBS_E_INTERNAL_ERROR", "TBS_E_BAD_PARAMETER", "TBS_E_INVALID_OUTPUT_POINTER",
                "TBS_E_INVALID_CONTEXT", "TBS_E_INSUFFICIENT_BUFFER", "TBS_E_IOERROR", "TBS_E_INVALID_CONTEXT_PARAM",
                "TBS_E_SERVICE_NOT_RUNNING", "TBS_E_TOO_MANY_TBS_CONTEXTS", "TBS_E_TOO_MANY_RESOURCES",
                "TBS_E_SERVICE_START_PENDING", "TBS_E_PPI_NOT_SUPPORTED", "TBS_E_COMMAND_CANCELED",
                "TBS_E_BUFFER_TOO_LARGE", "TBS_E_TPM_NOT_FOUND", "TBS_E_SERVICE_DISABLED", "TBS_E_NO_EVENT_LOG",
                "TBS_E_ACCESS_DENIED", "TBS_E_PROVISIONING_NOT_ALLOWED", "TBS_E_PPI_FUNCTION_UNSUPPORTED",
                "TBS_E_OWNERAUTH_NOT_FOUND", "TBS_E_PROVISIONING_INCOMPLETE"};
        for (int i = 0; i < names.length; i++) {
            int code = 0x80284001 + i;
            assertEquals(names[i], new TbsException("Tbsip_Submit_Command", code).codeName(), Integer.toHexString(code));
        }
        assertEquals("TPM_E_COMMAND_BLOCKED", new TbsException("Tbsip_Submit_Command", 0x80280400).codeName());
    }

    @Test
    void offWindowsJnaIsFoundAndTheMissingTbsDllIsTheError() throws Exception {
        // JNA's Linux library search runs a process; start the JDK's process support under the real OS name first.
        new ProcessBuilder("true").start().waitFor();
        new JnaTbsApi.ContextParams2().size();
        String os = System.getProperty("os.name");
        System.setProperty("os.name", "Windows 11");
        try {
            IOException e = assertThrows(IOException.class, TbsTransport::open);
            assertTrue(e.getMessage().startsWith("TBS: tbs.dll could not be loaded"), e.getMessage());
        } finally {
            System.setProperty("os.name", os);
        }
    }
}
