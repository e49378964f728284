package com.paperlink.stub.echo;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;

import java.time.Duration;

/** The status and delay a test asked the echo for; anything unreadable means "none". */
record EchoHooks(HttpStatus status, Duration delay) {

    static final long MAX_DELAY_MS = 60_000;

    static EchoHooks from(HttpHeaders headers) {
        int status = parse(headers.get("X-Echo-Status"), 200, 200, 599);
        long delay = parse(headers.get("X-Echo-Delay-Ms"), 0, 0, (int) MAX_DELAY_MS);
        HttpStatus httpStatus;
        try {
            httpStatus = HttpStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            httpStatus = HttpStatus.OK;
        }
        return new EchoHooks(httpStatus, Duration.ofMillis(delay));
    }

    private static int parse(String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < min || parsed > max ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
