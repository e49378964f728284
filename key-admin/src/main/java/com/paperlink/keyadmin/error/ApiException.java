package com.paperlink.keyadmin.error;

import io.micronaut.core.annotation.Nullable;

/** The one exception key-admin throws for a client-visible error; rendered by {@link ApiErrorResponseProcessor}. */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code) {
        this(code, code.message(), null);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, @Nullable String field) {
        // No stack trace: these are expected outcomes, not bugs, and are never logged with one.
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, field);
    }

    public ErrorCode code() {
        return code;
    }

    @Nullable
    public String field() {
        return field;
    }
}
