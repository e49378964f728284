package com.paperlink.stub.web;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of a list: the items, how many exist in all, and where this page sits. */
@Serdeable
public record Page<T>(List<T> data, int total, int page, int size, int offset) {

    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(all.size(), request.offset());
        int to = Math.min(all.size(), from + request.size());
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), request.page(), request.size(), request.offset());
    }
}
