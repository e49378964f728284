package com.paperlink.gateway.proxy;

import io.micronaut.context.BeanContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration.ConnectionPoolConfiguration.ConnectionLocality;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.ProxyHttpClientRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.reactivestreams.Publisher;

/**
 * The one HTTP client to every upstream: streaming both ways ({@link ProxyHttpClient}), keep-alive pooled,
 * never following redirects (a redirect is the upstream's answer to the client), with the configured
 * timeouts. Not an {@code HttpClient} bean, so it never gets injected anywhere by accident.
 *
 * <p>Built by Micronaut's client registry, so it runs on the server's own event loop group and prefers a
 * pooled connection owned by the event loop that received the request: the request and its upstream call
 * stay on one thread, with no hand-off between thread pools (the static {@code ProxyHttpClient.create}
 * would start a second event loop group).
 */
@Singleton
public final class UpstreamClient implements AutoCloseable {

    private final ProxyHttpClient client;
    /** Same, with {@code upload-timeout}: the client's read timer starts with the upload, not after it. */
    private final ProxyHttpClient uploads;

    UpstreamClient(UpstreamConfiguration upstream, ProxyHttpClientRegistry<?> registry, BeanContext context) {
        this.client = registry.resolveProxyHttpClient(null, LoadBalancer.empty(),
                configuration(upstream, upstream.readTimeout()), context);
        this.uploads = registry.resolveProxyHttpClient(null, LoadBalancer.empty(),
                configuration(upstream, upstream.uploadTimeout()), context);
    }

    private static DefaultHttpClientConfiguration configuration(UpstreamConfiguration upstream, Duration readTimeout) {
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setConnectTimeout(upstream.connectTimeout());
        config.setReadTimeout(readTimeout);
        config.setFollowRedirects(false);
        config.getConnectionPoolConfiguration().setEnabled(true);
        config.getConnectionPoolConfiguration().setMaxConcurrentHttp1Connections(upstream.maxConnections());
        config.getConnectionPoolConfiguration().setConnectionLocality(ConnectionLocality.PREFERRED);
        return config;
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
