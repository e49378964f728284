package com.paperlink.gateway.error;

import io.micronaut.serde.annotation.Serdeable;

/** The one error shape: {@code {"error":{"code","message","requestId"}}}. */
@Serdeable
public record ErrorBody(Detail error) {

    @Serdeable
    public record Detail(String code, String message, String requestId) {
    }

    public static ErrorBody of(ErrorCode code, String requestId) {
        return new ErrorBody(new Detail(code.code(), code.message(), requestId));
    }
}
