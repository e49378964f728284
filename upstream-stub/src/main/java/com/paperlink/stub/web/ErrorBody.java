package com.paperlink.stub.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The one error shape: {@code {"error":{"code","message","requestId"}}}. */
@Serdeable
@Schema(name = "Error")
public record ErrorBody(Detail error) {

    @Serdeable
    @Schema(name = "ErrorDetail")
    public record Detail(String code, String message, String requestId) {
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Detail(code, message, requestId));
    }
}
