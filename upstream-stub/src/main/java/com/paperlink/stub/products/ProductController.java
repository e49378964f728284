package com.paperlink.stub.products;

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

/** Products CRUD for the team named in {@code X-PaperLink-Team-Id} (checked by {@link StubHeadersFilter}). */
@Controller("/products")
@Tag(name = "Products")
public class ProductController {

    private final ProductStore store;
    private final Clock clock = Clock.systemUTC();

    public ProductController(ProductStore store) {
        this.store = store;
    }

    @Get
    public Page<Product> list(@Header(StubHeadersFilter.TEAM_HEADER) String team,
                              @QueryValue @Nullable String page, @QueryValue @Nullable String size,
                              @QueryValue @Nullable String limit, @QueryValue @Nullable String offset) {
        return Page.slice(store.partitions().list(team), PageRequest.of(page, size, limit, offset));
    }

    @Get("/{id}")
    public Product get(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id) {
        return store.partitions().get(team, id).orElseThrow(() -> StubException.notFound("Product", id));
    }

    @Post
    @Status(HttpStatus.CREATED)
    public Product create(@Header(StubHeadersFilter.TEAM_HEADER) String team,
                          @RequestBody(content = @Content(schema = @Schema(implementation = ProductInput.class)))
                          @Body @Nullable Map<String, Object> body) {
        return store.partitions().insert(team, ProductRules.create(body, Instant.now(clock)));
    }

    @Patch("/{id}")
    public Product update(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id,
                          @RequestBody(content = @Content(schema = @Schema(implementation = ProductInput.class)))
                          @Body @Nullable Map<String, Object> body) {
        return store.partitions().update(team, id, current -> ProductRules.patch(current, body, Instant.now(clock)))
                .orElseThrow(() -> StubException.notFound("Product", id));
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(@Header(StubHeadersFilter.TEAM_HEADER) String team, @PathVariable String id) {
        if (!store.partitions().remove(team, id)) {
            throw StubException.notFound("Product", id);
        }
        return HttpResponse.noContent();
    }
}
