package com.paperlink.gateway.proxy;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.reactivestreams.Publisher;

/**
 * The one HTTP client to every upstream: streaming both ways ({@link ProxyHttpClient}), keep-alive pooled,
 * never following redirects (a redirect is the upstream's answer to the client), with the configured
 * timeouts. Not an {@code HttpClient} bean, so it never gets injected anywhere by accident.
 *
 * <p>Built with {@code ProxyHttpClient.create}, on an event loop group of its own. Tried and measured
 * (bench/run, 16 connections): a client from Micronaut's client registry on the server's event loops runs
 * the application's client filters on every upstream call (micrometer's http.client timer, ≈ 15 µs of
 * CPU per request), and without them it was no cheaper than this one.
 */
@Singleton
public final class UpstreamClient implements AutoCloseable {

    private final ProxyHttpClient client;
    /** Same, with {@code upload-timeout}: the client's read timer starts with the upload, not after it. */
    private final ProxyHttpClient uploads;

    UpstreamClient(UpstreamConfiguration upstream) {
        this.client = create(upstream, upstream.readTimeout());
        this.uploads = create(upstream, upstream.uploadTimeout());
    }

    private static ProxyHttpClient create(UpstreamConfiguration upstream, Duration readTimeout) {
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setConnectTimeout(upstream.connectTimeout());
        config.setReadTimeout(readTimeout);
        config.setFollowRedirects(false);
        config.getConnectionPoolConfiguration().setEnabled(true);
        config.getConnectionPoolConfiguration().setMaxConcurrentHttp1Connections(upstream.maxConnections());
        return ProxyHttpClient.create(null, config);
    }

    /**
     * Sends the request (absolute URI) and streams the answer back; errors are connection failures or timeouts.
     *
     * @param withBody whether the client sends a body ({@link #hasBody} of the request as received)
     */
    public Publisher<MutableHttpResponse<?>> proxy(HttpRequest<?> request, boolean withBody) {
        return (withBody ? uploads : client).proxy(request);
    }

    /** Judged on the client's request: {@code Transfer-Encoding} is hop-by-hop and gone from the upstream's. */
    public static boolean hasBody(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.getHeaders().contentLength().orElse(0L) > 0;
    }

    @PreDestroy
    @Override
    public void close() throws Exception {
        for (ProxyHttpClient c : new ProxyHttpClient[] {client, uploads}) {
            if (c instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
