package dev.tpm2j.transport;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.List;

/** The JNA binding of tbs.dll. Loaded only by {@link TbsTransport#open()} on Windows. */
final class JnaTbsApi implements TbsApi {

    /** Keeps JNA out of class loading until a TBS transport is really opened. */
    static final class Holder {
        private Holder() {
        }

        static TbsApi load() {
            return new JnaTbsApi(Native.load("tbs", Tbs.class));
        }
    }

    /** The tbs.dll entry points (WINAPI = stdcall on 32-bit Windows). */
    interface Tbs extends StdCallLibrary {
        int Tbsi_Context_Create(ContextParams2 params, PointerByReference context);

        int Tbsip_Submit_Command(Pointer context, int locality, int priority, byte[] command, int commandLength,
                                 byte[] response, IntByReference responseLength);

        int Tbsip_Context_Close(Pointer context);

        int Tbsi_GetDeviceInfo(int size, Pointer info);

        int Tbsi_Get_TCG_Log(Pointer context, byte[] buffer, IntByReference length);
    }

    /** TBS_CONTEXT_PARAMS2: UINT32 version; UINT32 flags (requestRaw, includeTpm12, includeTpm20 bits). */
    public static final class ContextParams2 extends Structure {
        public int version;
        public int flags;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("version", "flags");
        }
    }

    private final Tbs tbs;

    private JnaTbsApi(Tbs tbs) {
        this.tbs = tbs;
    }

    @Override
    public int contextCreate(int version, int flags, long[] context) {
        ContextParams2 p = new ContextParams2();
        p.version = version;
        p.flags = flags;
        PointerByReference ref = new PointerByReference();
        int rc = tbs.Tbsi_Context_Create(p, ref);
        context[0] = Pointer.nativeValue(ref.getValue());
        return rc;
    }

    @Override
    public int submitCommand(long context, int locality, int priority, byte[] command, int commandLength,
                             byte[] response, int[] responseLength) {
        IntByReference len = new IntByReference(responseLength[0]);
        int rc = tbs.Tbsip_Submit_Command(new Pointer(context), locality, priority, command, commandLength, response,
                len);
        responseLength[0] = len.getValue();
        return rc;
    }

    @Override
    public int contextClose(long context) {
        return tbs.Tbsip_Context_Close(new Pointer(context));
    }

    @Override
    public int getDeviceInfo(int[] info) {
        try (Memory m = new Memory(16)) {
            m.clear();
            int rc = tbs.Tbsi_GetDeviceInfo(16, m);
            for (int i = 0; i < 4; i++) {
                info[i] = m.getInt(4L * i);
            }
            return rc;
        }
    }

    @Override
    public int getTcgLog(long context, byte[] buffer, int[] length) {
        IntByReference len = new IntByReference(length[0]);
        int rc = tbs.Tbsi_Get_TCG_Log(new Pointer(context), buffer, len);
        length[0] = len.getValue();
        return rc;
    }
}
