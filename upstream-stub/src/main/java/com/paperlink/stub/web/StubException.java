package com.paperlink.stub.web;

/** A public error: its code decides the status; the message is safe to show to the caller. */
public final class StubException extends RuntimeException {

    private final ErrorCode code;

    public StubException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public StubException(ErrorCode code) {
        this(code, code.message());
    }

    public static StubException invalid(String field, String problem) {
        return new StubException(ErrorCode.VALIDATION_FAILED, field + ": " + problem);
    }

    public static StubException notFound(String what, String id) {
        return new StubException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist.");
    }

    public ErrorCode code() {
        return code;
    }
}
