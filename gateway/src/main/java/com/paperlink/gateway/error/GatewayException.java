package com.paperlink.gateway.error;

/**
 * The gateway's one error type: thrown (or returned) by any step, turned into the JSON shape by
 * {@link GatewayExceptionHandler}. Carries no internal detail; log that where it happens.
 */
public final class GatewayException extends RuntimeException {

    private final ErrorCode code;

    public GatewayException(ErrorCode code) {
        super(code.code(), null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
