package com.paperlink.stub.echo;

import com.paperlink.stub.StubSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /echo/**}: answers with what arrived (method, raw path and query, headers, body length),
 * so the gateway's tests and benchmark can see exactly what it forwarded. The body is counted as
 * it streams, never held. Test hooks: {@code X-Echo-Status} picks the status (100-599),
 * {@code X-Echo-Delay-Ms} delays the answer (at most a minute) to exercise upstream timeouts.
 */
@Controller("/echo")
@Tag(name = "Echo (stub only)")
@Consumes(MediaType.ALL)
public class EchoController {

    private final String mode;

    public EchoController(StubSettings settings) {
        this.mode = settings.mode();
    }

    // Also answers HEAD: Micronaut adds a HEAD route for every GET. A @Head route of its own made two
    // routes match, and that ambiguity was answered 400 before any filter ran.
    @Get(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> get(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request, null);
    }

    @Options(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> options(HttpRequest<?> request, @PathVariable @Nullable String path) {
        return echo(request, null);
    }

    @Delete(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> delete(HttpRequest<?> request, @PathVariable @Nullable String path, @Body @Nullable Publisher<byte[]> body) {
        return echo(request, body);
    }

    @Post(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> post(HttpRequest<?> request, @PathVariable @Nullable String path, @Body @Nullable Publisher<byte[]> body) {
        return echo(request, body);
    }

    @Put(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> put(HttpRequest<?> request, @PathVariable @Nullable String path, @Body @Nullable Publisher<byte[]> body) {
        return echo(request, body);
    }

    @Patch(uris = {"/", "/{+path}"})
    public Mono<HttpResponse<Echo>> patch(HttpRequest<?> request, @PathVariable @Nullable String path, @Body @Nullable Publisher<byte[]> body) {
        return echo(request, body);
    }

    private Mono<HttpResponse<Echo>> echo(HttpRequest<?> request, @Nullable Publisher<byte[]> body) {
        Mono<Long> length = body == null ? Mono.just(0L)
                : Flux.from(body).map(chunk -> (long) chunk.length).reduce(0L, Long::sum);
        EchoHooks hooks = EchoHooks.from(request.getHeaders());
        Mono<HttpResponse<Echo>> answer = length.map(bytes -> HttpResponse.<Echo>status(hooks.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Echo.of(request, bytes, mode)));
        return hooks.delay().isZero() ? answer : answer.delayElement(hooks.delay());
    }
}
