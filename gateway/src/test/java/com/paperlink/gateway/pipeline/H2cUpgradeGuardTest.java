package com.paperlink.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class H2cUpgradeGuardTest {

    private static HttpRequest request(HttpMethod method, String upgrade, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/api/v1/documents");
        request.headers().set("Connection", "Upgrade, HTTP2-Settings").set("Upgrade", upgrade)
                .set("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().set(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static HttpRequest through(EmbeddedChannel channel, HttpRequest request) {
        channel.writeInbound(request);
        return channel.readInbound();
    }

    @Test
    void aRequestWithALengthOrChunkedBodyLosesTheH2cOffer() {
        for (String[] body : new String[][] {{"Content-Length", "20000"}, {"Transfer-Encoding", "chunked"}}) {
            HttpRequest seen = through(new EmbeddedChannel(new H2cUpgradeGuard()), request(HttpMethod.POST, "h2c", body));

            assertThat(seen.headers().contains("Upgrade")).isFalse();
            assertThat(seen.headers().contains("HTTP2-Settings")).isFalse();
        }
    }

    @Test
    void otherProtocolsOfferedStay() {
        HttpRequest seen = through(new EmbeddedChannel(new H2cUpgradeGuard()),
                request(HttpMethod.POST, "websocket, H2C", "Content-Length", "5"));

        assertThat(seen.headers().get("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void aBodilessRequestKeepsItsOffer() {
        for (String[] noBody : new String[][] {{}, {"Content-Length", "0"}}) {
            HttpRequest seen = through(new EmbeddedChannel(new H2cUpgradeGuard()), request(HttpMethod.GET, "h2c", noBody));

            assertThat(seen.headers().get("Upgrade")).isEqualTo("h2c");
            assertThat(seen.headers().contains("HTTP2-Settings")).isTrue();
        }
    }

    @Test
    void onlyTheFirstRequestIsLookedAt() {
        EmbeddedChannel channel = new EmbeddedChannel(new H2cUpgradeGuard());
        through(channel, request(HttpMethod.GET, "h2c"));

        assertThat(channel.pipeline().get(H2cUpgradeGuard.class)).isNull();
        assertThat(through(channel, request(HttpMethod.POST, "h2c", "Content-Length", "5")).headers().get("Upgrade"))
                .isEqualTo("h2c");
    }
}
