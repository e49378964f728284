package com.paperlink.gateway.error;

import io.micronaut.http.HttpStatus;

/**
 * Every error the gateway answers with: HTTP status, stable machine-readable code and the public
 * message. The one table clients rely on (SPEC, "gateway"); internal detail never goes here.
 */
public enum ErrorCode {
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized",
            "A valid API key is required: send it as 'Authorization: Bearer <key>'."),
    AUTH_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "auth_unavailable",
            "The API key could not be verified right now. Please retry shortly."),
    TOO_MANY_FAILED_AUTHENTICATIONS(HttpStatus.TOO_MANY_REQUESTS, "too_many_failed_authentications",
            "Too many failed authentications from your address. Retry after the number of seconds in Retry-After."),
    IP_NOT_ALLOWED(HttpStatus.FORBIDDEN, "ip_not_allowed",
            "This API key may not be used from your IP address."),
    ROUTE_NOT_ALLOWED(HttpStatus.FORBIDDEN, "route_not_allowed",
            "This API key is limited to other routes and cannot be used for this one."),
    RATE_LIMIT_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
            "Rate limit exceeded for this API key. Retry after the number of seconds in Retry-After."),
    ORIGIN_NOT_ALLOWED(HttpStatus.FORBIDDEN, "origin_not_allowed",
            "Cross-origin requests from this origin are not allowed (gateway.cors.allowed-origins)."),
    SCOPE_INSUFFICIENT(HttpStatus.FORBIDDEN, "scope_insufficient",
            "This API key is read-only and cannot be used for this method."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
            "This HTTP method is not supported."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "No such resource."),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad_request", "The request is malformed."),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
            "The request's content type is not supported."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "The requested representation is not available."),
    UPSTREAM_UNAVAILABLE(HttpStatus.BAD_GATEWAY, "upstream_unavailable",
            "The upstream service could not be reached. Please retry shortly."),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout",
            "The upstream service did not answer in time."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "An unexpected error occurred.");

    private final HttpStatus status;
    private final String code;
    private final String message;

    ErrorCode(HttpStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The code for a status the framework produced on its own (404 for unknown paths, 405, 413, 415 ...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> SCOPE_INSUFFICIENT;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMIT_EXCEEDED;
            case 502 -> UPSTREAM_UNAVAILABLE;
            case 503 -> AUTH_UNAVAILABLE;
            case 504 -> UPSTREAM_TIMEOUT;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
