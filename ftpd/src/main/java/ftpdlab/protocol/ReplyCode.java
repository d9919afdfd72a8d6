package ftpdlab.protocol;

/** The RFC 959 / 2428 / 3659 reply codes this server uses, named for what they mean. */
public enum ReplyCode {
    OPENING_DATA(150),
    COMMAND_OK(200),
    NOT_IMPLEMENTED_SUPERFLUOUS(202),
    SYSTEM_STATUS(211),
    FILE_STATUS(213),
    HELP(214),
    SYSTEM_TYPE(215),
    SERVICE_READY(220),
    CLOSING_CONTROL(221),
    ABORT_NO_TRANSFER(225),
    TRANSFER_COMPLETE(226),
    ENTERING_PASSIVE(227),
    ENTERING_EXTENDED_PASSIVE(229),
    LOGGED_IN(230),
    FILE_ACTION_OK(250),
    PATH_CREATED(257),
    NEED_PASSWORD(331),
    PENDING_FURTHER_INFO(350),
    SERVICE_NOT_AVAILABLE(421),
    CANT_OPEN_DATA(425),
    TRANSFER_ABORTED(426),
    FILE_BUSY(450),
    LOCAL_ERROR(451),
    SYNTAX_ERROR(500),
    ARGUMENT_ERROR(501),
    NOT_IMPLEMENTED(502),
    BAD_SEQUENCE(503),
    PARAMETER_NOT_IMPLEMENTED(504),
    PROTOCOL_NOT_SUPPORTED(522),
    NOT_LOGGED_IN(530),
    FILE_UNAVAILABLE(550);

    private final int code;

    ReplyCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
