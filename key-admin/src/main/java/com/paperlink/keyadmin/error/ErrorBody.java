package com.paperlink.keyadmin.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code {"error":{"code","message","requestId","field"?}}}: the one error shape. */
@Serdeable
public record ErrorBody(Detail error) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String requestId, @Nullable String field) {
    }

    public static ErrorBody of(ErrorCode code, String message, String requestId, @Nullable String field) {
        return new ErrorBody(new Detail(code.code(), message, requestId, field));
    }
}
