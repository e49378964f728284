package com.paperlink.stub.products;

import com.paperlink.stub.web.Fields;
import com.paperlink.stub.web.Ids;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds a product from a create body and applies a PATCH body; every rule names its field. */
final class ProductRules {

    static final Set<String> WRITABLE = Set.of("name", "sku", "price", "currency", "stock");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private ProductRules() {
    }

    static Product create(Map<String, Object> body, Instant now) {
        Fields fields = Fields.of(body, WRITABLE);
        String at = now.truncatedTo(ChronoUnit.MILLIS).toString();
        return new Product(Ids.next("prod"), name(fields), sku(fields), fields.amount("price").toPlainString(),
                fields.has("currency") ? currency(fields) : "EUR",
                fields.has("stock") ? stock(fields) : 0, at, at);
    }

    static Product patch(Product current, Map<String, Object> body, Instant now) {
        Fields fields = Fields.of(body, WRITABLE);
        return new Product(current.id(),
                fields.has("name") ? name(fields) : current.name(),
                fields.has("sku") ? sku(fields) : current.sku(),
                fields.has("price") ? fields.amount("price").toPlainString() : current.price(),
                fields.has("currency") ? currency(fields) : current.currency(),
                fields.has("stock") ? stock(fields) : current.stock(),
                current.createdAt(), now.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static String name(Fields fields) {
        return fields.text("name", 200, null, null);
    }

    private static String sku(Fields fields) {
        return fields.text("sku", 64, SKU, "may hold only letters, digits, '.', '_' and '-'");
    }

    private static String currency(Fields fields) {
        return fields.text("currency", 3, CURRENCY, "must be an ISO 4217 code such as EUR");
    }

    private static int stock(Fields fields) {
        return fields.integer("stock", 0, 1_000_000);
    }
}
