package dev.ferry.reply;

/** Reply codes by name, with the section of the RFC that defines each. */
public final class ReplyCode {
    private ReplyCode() {
    }

    /** 110 RFC 959 §4.2: restart marker reply. */
    public static final int RESTART_MARKER = 110;
    /** 150 RFC 959: file status okay; about to open data connection. */
    public static final int OPENING_DATA = 150;
    public static final int OK = 200;
    /** 202 RFC 959: command not implemented, superfluous at this site. */
    public static final int SUPERFLUOUS = 202;
    public static final int SYSTEM_STATUS = 211;
    public static final int DIRECTORY_STATUS = 212;
    /** 213 RFC 959 / RFC 3659 (SIZE, MDTM, MFMT). */
    public static final int FILE_STATUS = 213;
    public static final int HELP = 214;
    public static final int SYSTEM_TYPE = 215;
    public static final int SERVICE_READY = 220;
    public static final int CLOSING_CONTROL = 221;
    public static final int DATA_OPEN_NO_TRANSFER = 225;
    public static final int CLOSING_DATA = 226;
    public static final int ENTERING_PASSIVE = 227;
    /** 229 RFC 2428 §3: entering extended passive mode. */
    public static final int ENTERING_EXTENDED_PASSIVE = 229;
    public static final int LOGGED_IN = 230;
    public static final int FILE_ACTION_OK = 250;
    public static final int PATH_CREATED = 257;
    public static final int NEED_PASSWORD = 331;
    public static final int PENDING_FURTHER_INFO = 350;
    public static final int SERVICE_NOT_AVAILABLE = 421;
    public static final int CANT_OPEN_DATA = 425;
    public static final int TRANSFER_ABORTED = 426;
    public static final int FILE_ACTION_NOT_TAKEN = 450;
    public static final int LOCAL_ERROR = 451;
    public static final int INSUFFICIENT_STORAGE = 452;
    public static final int SYNTAX_ERROR = 500;
    public static final int SYNTAX_ERROR_IN_ARGUMENTS = 501;
    public static final int NOT_IMPLEMENTED = 502;
    public static final int BAD_SEQUENCE = 503;
    public static final int NOT_IMPLEMENTED_FOR_PARAMETER = 504;
    /** 522 RFC 2428 §2: network protocol not supported. */
    public static final int PROTOCOL_NOT_SUPPORTED = 522;
    public static final int NOT_LOGGED_IN = 530;
    public static final int FILE_UNAVAILABLE = 550;
    public static final int PAGE_TYPE_UNKNOWN = 551;
    public static final int EXCEEDED_STORAGE = 552;
    public static final int NAME_NOT_ALLOWED = 553;
    /** 554 RFC 3659 §5: requested action not taken, invalid REST parameter. */
    public static final int INVALID_REST = 554;

    /** 234 RFC 2228 §4 / RFC 4217 §4: security data exchange complete (AUTH TLS accepted). */
    public static final int SECURITY_EXCHANGE_COMPLETE = 234;
    /** 521 RFC 4217 §9: data connection cannot be opened with this PROT setting. */
    public static final int DATA_PROTECTION_REQUIRED = 521;
    /** 522 RFC 4217 §10: the TLS negotiation on the data connection failed (or did not resume). */
    public static final int DATA_TLS_FAILED = 522;
    /** 533 RFC 2228 §5: command protection level denied for policy reasons. */
    public static final int PROTECTION_DENIED = 533;
    /** 534 RFC 2228 §5: request denied for policy reasons. */
    public static final int DENIED_FOR_POLICY = 534;
    /** 536 RFC 2228 §5: requested PROT level not supported by mechanism. */
    public static final int PROT_LEVEL_NOT_SUPPORTED = 536;
}
