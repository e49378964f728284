package com.paperlink.gateway.client;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** {@code gateway.trusted-proxies}: addresses or CIDRs of proxies whose X-Forwarded-For we believe. */
@Factory
final class ClientAddressResolverFactory {

    /** Eager, so a bad entry stops start-up with a message naming the key. */
    @Context
    ClientAddressResolver clientAddressResolver(@Nullable @Property(name = "gateway.trusted-proxies") List<String> trusted) {
        try {
            return new ClientAddressResolver(trusted == null ? List.of() : trusted);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: gateway.trusted-proxies: " + e.getMessage());
        }
    }
}
