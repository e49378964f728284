package com.paperlink.gateway.client;

import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.error.ErrorCode;
import com.paperlink.gateway.error.ErrorResponses;
import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.PipelineOrder;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.net.InetAddress;
import org.reactivestreams.Publisher;

/** A key with {@code allowedIps} used from elsewhere → 403 {@code ip_not_allowed}, before any budget is spent. */
@Filter(PipelineOrder.API_PATTERN)
final class IpAllowlistFilter implements HttpServerFilter {

    @Override
    public int getOrder() {
        return PipelineOrder.IP_ALLOWLIST;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        AuthenticatedKey key = PipelineAttributes.key(request).orElse(null);
        InetAddress client = PipelineAttributes.clientAddress(request).orElse(null);
        if (key != null && !key.allowedIps().isUnrestricted() && (client == null || !key.allowedIps().allows(client))) {
            return Publishers.just(ErrorResponses.of(request, ErrorCode.IP_NOT_ALLOWED));
        }
        return chain.proceed(request);
    }
}
