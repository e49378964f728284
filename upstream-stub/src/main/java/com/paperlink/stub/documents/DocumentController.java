package com.paperlink.stub.documents;

import com.paperlink.stub.products.ProductStore;
import com.paperlink.stub.web.Page;
import com.paperlink.stub.web.PageRequest;
import com.paperlink.stub.web.StubException;
import com.paperlink.stub.web.StubHeadersFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** Documents CRUD for the team named in {@code X-PaperLink-Team-Id} (checked by {@link StubHeadersFilter}). */
@Controller("/documents")
@Tag(name = "Documents")
public class DocumentController {

    private final DocumentStore store;
    private final ProductStore products;
    private final Clock clock = Clock.systemUTC();

    public DocumentController(DocumentStore store, ProductStore products) {
        this.store = store;
        this.products = products;
    }

    @Get
    public Page<Document> list(@Header(StubHeadersFilter.TEAM_HEADER) String team,
                               @QueryValue @Nullable String page, @QueryValue @Nullable String size,
                               @QueryValue @Nullable String limit, @QueryValue @Nullable String offset) {
        return Page.slice(store.partitions().list(team), PageRequest.of(page, size, limit, offset));
    }

    @Get("/{id}")
    public Document get(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id) {
        return store.partitions().get(team, id).orElseThrow(() -> StubException.notFound("Document", id));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public Document create(@Header(StubHeadersFilter.TEAM_HEADER) String team,
                           @RequestBody(content = @Content(schema = @Schema(implementation = DocumentInput.class)))
                           @Body @Nullable Map<String, Object> body) {
        return store.partitions().insert(team, DocumentRules.create(body, productsOf(team), Instant.now(clock)));
    }

    @Patch("/{id}")
    public Document update(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id,
                           @RequestBody(content = @Content(schema = @Schema(implementation = DocumentInput.class)))
                           @Body @Nullable Map<String, Object> body) {
        return store.partitions()
                .update(team, id, current -> DocumentRules.patch(current, body, productsOf(team), Instant.now(clock)))
                .orElseThrow(() -> StubException.notFound("Document", id));
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id) {
        if (!store.partitions().remove(team, id)) {
            throw StubException.notFound("Document", id);
        }
        return HttpResponse.noContent();
    }

    private Predicate<String> productsOf(String team) {
        return id -> products.exists(team, id);
    }
}
