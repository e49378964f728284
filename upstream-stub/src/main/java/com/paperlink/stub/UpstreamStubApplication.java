package com.paperlink.stub;

import io.micronaut.runtime.Micronaut;

public final class UpstreamStubApplication {

    private UpstreamStubApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(UpstreamStubApplication.class).banner(false).start();
    }
}
