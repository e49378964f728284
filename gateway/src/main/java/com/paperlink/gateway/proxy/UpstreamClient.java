package com.paperlink.gateway.proxy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The one HTTP client to every upstream: streaming both ways ({@link ProxyHttpClient}), keep-alive pooled,
 * never following redirects (a redirect is the upstream's answer to the client), with the configured
 * timeouts. Not an {@code HttpClient} bean, so it never gets injected anywhere by accident.
 */
@Singleton
public final class UpstreamClient implements AutoCloseable {

    private final ProxyHttpClient client;

    UpstreamClient(UpstreamConfiguration upstream) {
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setConnectTimeout(upstream.connectTimeout());
        config.setReadTimeout(upstream.readTimeout());
        config.setFollowRedirects(false);
        config.getConnectionPoolConfiguration().setEnabled(true);
        config.getConnectionPoolConfiguration().setMaxConcurrentHttp1Connections(upstream.maxConnections());
        this.client = ProxyHttpClient.create(null, config);
    }

    /** Sends the request (absolute URI) and streams the answer back; errors are connection failures or timeouts. */
    public Publisher<MutableHttpResponse<?>> proxy(HttpRequest<?> request) {
        return client.proxy(request);
    }

    @PreDestroy
    @Override
    public void close() throws Exception {
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
