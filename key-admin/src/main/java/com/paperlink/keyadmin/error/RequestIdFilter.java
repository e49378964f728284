package com.paperlink.keyadmin.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Echoes the request id on every response, so a client can quote it along with any error body. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter {

    @ResponseFilter
    void addRequestId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestIds.HEADER, RequestIds.of(request));
    }
}
