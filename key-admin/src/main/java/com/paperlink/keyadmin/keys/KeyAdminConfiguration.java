package com.paperlink.keyadmin.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code key-admin.*} settings used by the key endpoints.
 *
 * @param publicGatewayUrl the gateway's public base URL, as integrators reach it (no trailing path);
 *                         used in the create response's {@code curlExample}
 */
@ConfigurationProperties("key-admin")
public record KeyAdminConfiguration(
        @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        @Bindable(defaultValue = "http://localhost:8080") String publicGatewayUrl) {

    /** The base URL without trailing slashes, ready to append {@code /api/v1/...}. */
    public String gatewayBaseUrl() {
        return publicGatewayUrl.replaceAll("/+$", "");
    }
}
