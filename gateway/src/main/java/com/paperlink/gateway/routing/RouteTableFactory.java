package com.paperlink.gateway.routing;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;

/** Builds the {@link RouteTable} from {@code gateway.routes.*} at start-up; a bad entry stops start-up. */
@Factory
final class RouteTableFactory {

    @Context
    RouteTable routeTable(List<RouteConfiguration> routes) {
        try {
            return RouteTable.of(routes);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid configuration: " + e.getMessage());
        }
    }
}
