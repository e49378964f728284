package com.paperlink.stub.echo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the echo saw. Header names are lower-cased; repeated headers keep every value in order. */
@Serdeable
public record Echo(String method, String path, @Nullable String query, Map<String, List<String>> headers,
                   long bodyLength, String mode) {

    static Echo of(HttpRequest<?> request, long bodyLength, String mode) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new Echo(request.getMethodName(), request.getUri().getRawPath(), request.getUri().getRawQuery(),
                headers, bodyLength, mode);
    }
}
