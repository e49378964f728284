package com.paperlink.stub.documents;

import com.paperlink.stub.web.Fields;
import com.paperlink.stub.web.Ids;
import com.paperlink.stub.web.StubException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Builds a document from a create body and applies a PATCH body; every rule names its field. */
final class DocumentRules {

    static final Set<String> WRITABLE = Set.of("title", "kind", "status", "productIds");
    static final Set<String> KINDS = Set.of("invoice", "quote", "contract", "datasheet");
    static final Set<String> STATUSES = Set.of("draft", "published", "archived");
    static final int MAX_PRODUCTS = 50;

    private DocumentRules() {
    }

    /** {@code productExists} answers for the caller's team: a document may refer only to its own team's products. */
    static Document create(Map<String, Object> body, Predicate<String> productExists, Instant now) {
        Fields fields = Fields.of(body, WRITABLE);
        String at = now.truncatedTo(ChronoUnit.MILLIS).toString();
        return new Document(Ids.next("doc"), fields.text("title", 200, null, null), fields.oneOf("kind", KINDS),
                fields.has("status") ? fields.oneOf("status", STATUSES) : "draft",
                fields.has("productIds") ? productIds(fields, productExists) : List.of(), at, at);
    }

    static Document patch(Document current, Map<String, Object> body, Predicate<String> productExists, Instant now) {
        Fields fields = Fields.of(body, WRITABLE);
        return new Document(current.id(),
                fields.has("title") ? fields.text("title", 200, null, null) : current.title(),
                fields.has("kind") ? fields.oneOf("kind", KINDS) : current.kind(),
                fields.has("status") ? fields.oneOf("status", STATUSES) : current.status(),
                fields.has("productIds") ? productIds(fields, productExists) : current.productIds(),
                current.createdAt(), now.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static List<String> productIds(Fields fields, Predicate<String> productExists) {
        List<String> ids = fields.strings("productIds", MAX_PRODUCTS);
        for (String id : ids) {
            if (!productExists.test(id)) {
                throw StubException.invalid("productIds", "product " + id + " does not exist");
            }
        }
        return ids;
    }
}
