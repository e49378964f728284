package com.paperlink.keyadmin.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for exceptions no more specific handler claims. A database that cannot be
 * reached is an outage (503, retry later), anything else a bug (500). The client gets the public
 * message and the request id; the detail goes to the log (our exceptions never carry tokens).
 */
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    private final ErrorResponseProcessor<?> processor;

    UnexpectedErrorHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        String requestId = RequestIds.of(request);
        ErrorCode code;
        if (isDatabaseFailure(exception)) {
            code = ErrorCode.SERVICE_UNAVAILABLE;
            LOG.warn("Database unavailable for {} {} (requestId {}): {}", request.getMethod(), request.getPath(),
                    requestId, exception.toString());
        } else {
            code = ErrorCode.INTERNAL_ERROR;
            LOG.error("Unexpected error for {} {} (requestId {})", request.getMethod(), request.getPath(), requestId,
                    exception);
        }
        return processor.processResponse(ErrorContext.builder(request).cause(new ApiException(code)).build(),
                HttpResponse.status(code.status()));
    }

    static boolean isDatabaseFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t.getClass().getName().startsWith("io.micronaut.data.connection")
                    || t.getClass().getName().startsWith("io.micronaut.transaction")) {
                return true;
            }
        }
        return false;
    }
}
