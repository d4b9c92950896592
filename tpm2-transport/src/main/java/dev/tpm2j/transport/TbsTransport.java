package dev.tpm2j.transport;

import dev.tpm2j.core.TpmTransport;
import java.io.IOException;
import java.util.Arrays;

/**
 * Windows TPM Base Services (tbs.dll): a TBS context for TPM 2.0, commands submitted at normal priority, every TBS
 * result mapped to a named {@link TbsException}. A command the TBS blocks (a 10-byte response carrying
 * 0x80280400) surfaces as TPM_E_COMMAND_BLOCKED from here, not as a TPM error. JNA is loaded only when a TBS
 * transport is opened, so the library works on other systems without JNA.
 */
public final class TbsTransport implements TpmTransport {
    private final TbsApi api;
    private final int maxSize;
    private long context;
    private boolean closed;

    /** Opens a TBS context through {@code api}. */
    public TbsTransport(TbsApi api, int maxSize) throws IOException {
        this.api = api;
        this.maxSize = maxSize;
        long[] ctx = new long[1];
        int rc = api.contextCreate(TbsApi.CONTEXT_VERSION_TWO, TbsApi.INCLUDE_TPM20, ctx);
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsi_Context_Create", rc);
        }
        if (ctx[0] == 0) {
            throw new IOException("Tbsi_Context_Create returned success but no context");
        }
        this.context = ctx[0];
    }

    /** Opens the Windows TBS through JNA (class path or module path). Fails clearly off Windows, without JNA, or without tbs.dll. */
    public static TbsTransport open() throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            throw new IOException("the Windows TPM Base Services (tbs) are only available on Windows");
        }
        JnaAccess.require();
        TbsApi api;
        try {
            api = JnaTbsApi.Holder.load();
        } catch (LinkageError e) {
            throw new IOException("TBS: tbs.dll could not be loaded (the Windows TPM Base Services are missing): "
                    + e.getMessage(), e);
        }
        return new TbsTransport(api, SwtpmTransport.DEFAULT_MAX_SIZE);
    }

    @Override
    public synchronized byte[] transmit(byte[] command) throws IOException {
        if (closed) {
            throw new IOException("tbs transport is closed");
        }
        if (command.length < SwtpmTransport.HEADER || command.length > maxSize) {
            throw new IOException("command of " + command.length + " bytes is outside " + SwtpmTransport.HEADER
                    + ".." + maxSize + "; not sent");
        }
        byte[] buf = new byte[maxSize];
        int[] len = {buf.length};
        int rc = api.submitCommand(context, TbsApi.LOCALITY_ZERO, TbsApi.PRIORITY_NORMAL, command, command.length,
                buf, len);
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsip_Submit_Command", rc);
        }
        int n = len[0];
        if (n < SwtpmTransport.HEADER || n > buf.length) {
            throw new IOException("Tbsip_Submit_Command returned a response length of " + n + ", outside "
                    + SwtpmTransport.HEADER + ".." + buf.length);
        }
        int responseCode = ((buf[6] & 0xFF) << 24) | ((buf[7] & 0xFF) << 16) | ((buf[8] & 0xFF) << 8)
                | (buf[9] & 0xFF);
        if ((responseCode & 0xFFFF0000) == 0x80280000) {
            throw new TbsException("Tbsip_Submit_Command", responseCode);
        }
        return Arrays.copyOf(buf, n);
    }

    /** Tbsi_GetDeviceInfo: the TPM version (1 = 1.2, 2 = 2.0) of the device TBS sees. */
    public int tpmVersion() throws IOException {
        int[] info = new int[4];
        int rc = api.getDeviceInfo(info);
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsi_GetDeviceInfo", rc);
        }
        return info[1];
    }

    /** Tbsi_Get_TCG_Log: the measured-boot event log, sized by a first call. */
    public synchronized byte[] tcgLog() throws IOException {
        int[] len = {0};
        int rc = api.getTcgLog(context, null, len);
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsi_Get_TCG_Log", rc);
        }
        if (len[0] < 0 || len[0] > 64 * 1024 * 1024) {
            throw new IOException("Tbsi_Get_TCG_Log reported an implausible size " + Integer.toUnsignedString(len[0]));
        }
        byte[] log = new byte[len[0]];
        rc = api.getTcgLog(context, log, len);
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsi_Get_TCG_Log", rc);
        }
        if (len[0] < 0 || len[0] > log.length) {
            throw new IOException("Tbsi_Get_TCG_Log returned " + len[0] + " bytes into a " + log.length
                    + "-byte buffer");
        }
        return Arrays.copyOf(log, len[0]);
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        int rc = api.contextClose(context);
        context = 0;
        if (rc != TbsApi.SUCCESS) {
            throw new TbsException("Tbsip_Context_Close", rc);
        }
    }

    @Override
    public String toString() {
        return "tbs";
    }
}
