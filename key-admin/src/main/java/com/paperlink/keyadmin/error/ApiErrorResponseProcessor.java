package com.paperlink.keyadmin.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Renders every error — ours ({@link ApiException}) and the framework's (unknown route, wrong
 * method, unsupported media type, too large, security's 401/403) — as {@link ErrorBody}.
 *
 * <p>Framework messages are replaced by our own, except for 400s whose message names what was wrong
 * and 401s for a correctly signed token, whose message names the claim that failed; internal detail
 * never reaches the client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    private static final int MAX_MESSAGE = 300;
    static final String BEARER_NOT_ACCEPTED = "The bearer token is not a JWT signed with key-admin's secret "
            + "(malformed, wrongly signed or unsigned).";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ErrorBody>) response;
        }
        String requestId = RequestIds.of(context.getRequest());
        Optional<ApiException> ours = context.getRootCause()
                .filter(ApiException.class::isInstance).map(ApiException.class::cast);
        ErrorBody body;
        if (ours.isPresent()) {
            ApiException e = ours.get();
            body = ErrorBody.of(e.code(), e.getMessage(), requestId, e.field());
        } else {
            ErrorCode code = ErrorCode.forStatus(response.code());
            body = ErrorBody.of(code, frameworkMessage(code, context), requestId, frameworkField(code, context));
        }
        return response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String frameworkMessage(ErrorCode code, ErrorContext context) {
        if (code == ErrorCode.UNAUTHORIZED) {
            return unauthorizedMessage(context.getRequest());
        }
        if (code != ErrorCode.VALIDATION_FAILED || !context.hasErrors()) {
            return code.message();
        }
        String message = context.getErrors().get(0).getMessage();
        if (message == null || message.isBlank()) {
            return code.message();
        }
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    /**
     * Which of the token's claims failed, when the token was correctly signed (see {@link AuthFailures});
     * otherwise one message for every unreadable or wrongly signed token, so no answer tells them apart.
     */
    private static String unauthorizedMessage(HttpRequest<?> request) {
        return AuthFailures.of(request).orElseGet(() -> {
            String authorization = request.getHeaders().getAuthorization().orElse("");
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? BEARER_NOT_ACCEPTED
                    : ErrorCode.UNAUTHORIZED.message();
        });
    }

    private static String frameworkField(ErrorCode code, ErrorContext context) {
        if (code != ErrorCode.VALIDATION_FAILED || !context.hasErrors()) {
            return null;
        }
        return context.getErrors().stream().map(Error::getPath).flatMap(Optional::stream).findFirst().orElse(null);
    }
}
