package dev.tpm2j.transport;

/**
 * The Windows TPM Base Services calls tpm2j uses, as a plain Java boundary: the JNA binding implements it on
 * Windows, tests implement it anywhere. Context handles are pointer-sized, carried in a {@code long}.
 */
public interface TbsApi {
    /** TBS_SUCCESS. */
    int SUCCESS = 0;
    /** TBS_CONTEXT_PARAMS2.version. */
    int CONTEXT_VERSION_TWO = 2;
    /** TBS_CONTEXT_PARAMS2 flag includeTpm20 (bit 2). */
    int INCLUDE_TPM20 = 1 << 2;
    /** TBS_COMMAND_PRIORITY_NORMAL. */
    int PRIORITY_NORMAL = 200;
    /** TBS_COMMAND_LOCALITY_ZERO. */
    int LOCALITY_ZERO = 0;

    /** Tbsi_Context_Create with TBS_CONTEXT_PARAMS2{version, flags}; stores the handle in {@code context[0]}. */
    int contextCreate(int version, int flags, long[] context);

    /**
     * Tbsip_Submit_Command; {@code responseLength[0]} holds the buffer size on entry and the response size on
     * return.
     */
    int submitCommand(long context, int locality, int priority, byte[] command, int commandLength, byte[] response,
                      int[] responseLength);

    /** Tbsip_Context_Close. */
    int contextClose(long context);

    /** Tbsi_GetDeviceInfo: {@code info} receives structVersion, tpmVersion, tpmInterfaceType, tpmImpRevision. */
    int getDeviceInfo(int[] info);

    /** Tbsi_Get_TCG_Log: {@code length[0]} holds the buffer size on entry, the log size on return. */
    int getTcgLog(long context, byte[] buffer, int[] length);
}
