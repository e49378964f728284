package com.paperlink.keyadmin.error;

import io.micronaut.http.HttpStatus;

/**
 * Every error key-admin answers with: HTTP status, the stable {@code code} clients switch on, and a
 * default public message. The framework's own errors (unknown route, wrong method, ...) map onto
 * these by status, so a client sees one closed set of codes.
 */
public enum ErrorCode {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation_failed", "The request is invalid."),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token (JWT) is required."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Only the team's OWNER and ADMIN users may manage its API keys."),
    ORIGIN_NOT_ALLOWED(HttpStatus.FORBIDDEN, "origin_not_allowed",
            "Cross-origin requests from this origin are not allowed (key-admin.cors.allowed-origins)."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "Not found."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed here."),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This resource is only available as application/json."),
    KEY_LIMIT_REACHED(HttpStatus.CONFLICT, "key_limit_reached",
            "The team already has the maximum number of active keys; revoke one first."),
    KEY_REVOKED(HttpStatus.CONFLICT, "key_revoked", "The key is revoked and can no longer be changed."),
    KEY_ALREADY_ROLLED(HttpStatus.CONFLICT, "key_already_rolled",
            "The key was already rolled; roll its successor instead."),
    KEY_EXPIRED(HttpStatus.CONFLICT, "key_expired", "The key has expired; create a new key instead."),
    KEY_DISABLED(HttpStatus.CONFLICT, "key_disabled", "The key is disabled; enable it before rolling it."),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
            "The request body must be JSON (Content-Type: application/json)."),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
            "The key store is unavailable; try again shortly."),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side.");

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

    /** The code for an error the framework raised with only a status. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? VALIDATION_FAILED : INTERNAL_ERROR;
        };
    }
}
