package com.paperlink.stub.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The framework's own errors (unknown route, wrong method, unreadable JSON, too large a body,
 * failed bean validation) in the same shape as ours, whatever the caller's Accept header says.
 */
@Singleton
@Primary
public class JsonErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        ErrorCode code = ErrorCode.forStatus(response.code());
        String message = code == ErrorCode.INTERNAL ? code.message() : firstMessage(context, code);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(code.code(), message, RequestIds.of(context.getRequest())));
    }

    // Framework messages name the route or the JSON problem, never internals worth hiding; a 500 says nothing.
    private static String firstMessage(ErrorContext context, ErrorCode code) {
        if (context.hasErrors()) {
            String message = context.getErrors().get(0).getMessage();
            if (message != null && !message.isBlank()) {
                // Jackson appends source locations on further lines; the first line says what is wrong.
                String firstLine = message.lines().findFirst().orElse(message);
                return firstLine.length() > 300 ? firstLine.substring(0, 300) : firstLine;
            }
        }
        return code.message();
    }
}
