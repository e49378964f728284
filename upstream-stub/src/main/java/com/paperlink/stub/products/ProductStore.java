package com.paperlink.stub.products;

import com.paperlink.stub.StubSettings;
import com.paperlink.stub.web.Ids;
import com.paperlink.stub.web.TeamPartitions;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** This instance's products, per team; a team's first call finds three seeded products. */
@Singleton
public class ProductStore {

    private final TeamPartitions<Product> products;

    public ProductStore(StubSettings settings) {
        this.products = new TeamPartitions<>(settings.maxTeams(), settings.maxItemsPerTeam(), Product::id,
                team -> seeds(settings.isTest(), Instant.now(Clock.systemUTC()).truncatedTo(ChronoUnit.MILLIS)));
    }

    public TeamPartitions<Product> partitions() {
        return products;
    }

    public boolean exists(String team, String id) {
        return products.get(team, id).isPresent();
    }

    // Test-mode seeds say so in their names: a caller sees at once which data set answered.
    static List<Product> seeds(boolean test, Instant now) {
        String prefix = test ? "[test] " : "";
        String at = now.toString();
        return List.of(
                new Product(Ids.next("prod"), prefix + "Recycled paper A4, 500 sheets", "PAP-A4-500", "6.90", "EUR", test ? 5 : 120, at, at),
                new Product(Ids.next("prod"), prefix + "Fountain pen, matte black", "PEN-FTN-BLK", "34.00", "EUR", test ? 2 : 35, at, at),
                new Product(Ids.next("prod"), prefix + "Archive box, set of 10", "BOX-ARC-10", "19.50", "EUR", test ? 0 : 48, at, at));
    }
}
