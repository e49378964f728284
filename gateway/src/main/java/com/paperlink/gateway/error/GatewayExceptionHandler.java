package com.paperlink.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns a {@link GatewayException} thrown anywhere in the pipeline into the JSON error shape. */
@Produces
@Singleton
final class GatewayExceptionHandler implements ExceptionHandler<GatewayException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, GatewayException exception) {
        return ErrorResponses.of(request, exception.code());
    }
}
