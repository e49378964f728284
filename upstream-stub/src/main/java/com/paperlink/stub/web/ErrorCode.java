package com.paperlink.stub.web;

import io.micronaut.http.HttpStatus;

/** Every error this service answers with: HTTP status, stable code, public message. */
public enum ErrorCode {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad_request", "The request could not be read."),
    MISSING_TEAM(HttpStatus.BAD_REQUEST, "missing_team", "The X-PaperLink-Team-Id header is required."),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation_failed", "The request is invalid."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found", "No such resource."),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed here."),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "The resource conflicts with an existing one."),
    LIMIT_REACHED(HttpStatus.CONFLICT, "limit_reached", "This team holds the maximum number of items."),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the body as application/json."),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong.");

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

    /** The code for a status the framework produced on its own (unknown route, wrong method, bad JSON …). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> INTERNAL;
        };
    }
}
