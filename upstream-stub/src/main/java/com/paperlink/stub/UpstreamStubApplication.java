package com.paperlink.stub;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Stand-in for PaperLink's product and document services. One jar, started once per mode
 * ({@code STUB_MODE=live} on 8081, {@code STUB_MODE=test} on 8082); each instance keeps its own data.
 */
@OpenAPIDefinition(info = @Info(
        title = "upstream-stub",
        version = "1.0",
        description = "Internal product and document services behind the PaperLink gateway. Not public: "
                + "it trusts the gateway's X-PaperLink-* headers."))
public final class UpstreamStubApplication {

    private UpstreamStubApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(UpstreamStubApplication.class).banner(false).start();
    }
}
