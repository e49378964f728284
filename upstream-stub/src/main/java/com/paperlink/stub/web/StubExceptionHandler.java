package com.paperlink.stub.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns our own {@link StubException} into the error shape with its status. */
@Produces
@Singleton
@Requires(classes = {StubException.class, ExceptionHandler.class})
public class StubExceptionHandler implements ExceptionHandler<StubException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, StubException exception) {
        return HttpResponse.<ErrorBody>status(exception.code().status())
                .body(ErrorBody.of(exception.code().code(), exception.getMessage(), RequestIds.of(request)));
    }
}
