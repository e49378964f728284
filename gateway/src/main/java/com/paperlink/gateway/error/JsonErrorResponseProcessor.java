package com.paperlink.gateway.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own errors (400 bad JSON or URI, 404 for paths outside {@code /api/v1}, 405,
 * 413, 415, and any unexpected 500) the gateway's one shape. The framework's message may carry
 * internal detail, so clients get the public message of the matching {@link ErrorCode}.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
final class JsonErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        ErrorCode code = ErrorCode.forStatus(response.code());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(code, RequestIds.of(context.getRequest())));
    }
}
