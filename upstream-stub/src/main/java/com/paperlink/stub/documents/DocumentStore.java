package com.paperlink.stub.documents;

import com.paperlink.stub.StubSettings;
import com.paperlink.stub.products.Product;
import com.paperlink.stub.products.ProductStore;
import com.paperlink.stub.web.Ids;
import com.paperlink.stub.web.TeamPartitions;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** This instance's documents, per team; a team's first call finds two seeded documents. */
@Singleton
public class DocumentStore {

    private final TeamPartitions<Document> documents;

    public DocumentStore(StubSettings settings, ProductStore products) {
        // Seeds refer to the team's seeded products; the product store never calls back, so no lock cycle.
        this.documents = new TeamPartitions<>(settings.maxTeams(), settings.maxItemsPerTeam(), Document::id,
                team -> seeds(settings.isTest(), products.partitions().list(team), Instant.now(Clock.systemUTC()).truncatedTo(ChronoUnit.MILLIS)));
    }

    public TeamPartitions<Document> partitions() {
        return documents;
    }

    static List<Document> seeds(boolean test, List<Product> products, Instant now) {
        String prefix = test ? "[test] " : "";
        String at = now.toString();
        List<String> first = products.stream().limit(2).map(Product::id).toList();
        return List.of(
                new Document(Ids.next("doc"), prefix + "Quote for Q1 paper supply", "quote", "published", first, at, at),
                new Document(Ids.next("doc"), prefix + "Supplier contract 2027", "contract", "draft", List.of(), at, at));
    }
}
