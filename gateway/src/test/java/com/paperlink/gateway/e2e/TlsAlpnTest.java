package com.paperlink.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.gateway.GatewayApplication;
import com.paperlink.gateway.e2e.GatewayHarness.TestKey;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS from a PEM certificate and key: ALPN offers h2 and http/1.1, and the pipeline answers the same over both. */
class TlsAlpnTest {

    @TempDir
    static Path dir;
    private static GatewayHarness gateway;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a certificate").isTrue();
        gateway = new GatewayHarness("tlsalpn", GatewayApplication.tls(cert.toString(), key.toString()));
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, factory.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String https(String path) {
        return "https://127.0.0.1:" + gateway.server.getPort() + path;
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void alpnPicksTheClientsProtocolAndThePipelineAnswers(HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(trusting)
                .connectTimeout(Duration.ofSeconds(5)).build();
        TestKey readOnly = gateway.key(KeyMode.LIVE, KeyScope.READ_ONLY);

        HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(URI.create(https("/api/v1/products")))
                .header("Authorization", "Bearer " + readOnly.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forbidden = client.send(HttpRequest.newBuilder(URI.create(https("/api/v1/products")))
                .header("Authorization", "Bearer " + readOnly.token()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unauthorized = client.send(HttpRequest.newBuilder(URI.create(https("/api/v1/products")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(proxied.version()).isEqualTo(version);
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).contains("\"upstream\":\"live\"");
        assertThat(proxied.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(gateway.live.next().header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }

    @Test
    void plainHttpIsNotServedOnTheTlsPort() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.server.getPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aMissingCertificateStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> GatewayApplication.tls(dir.resolve("nope.pem").toString(), null))
                .hasMessageContaining("gateway.tls.cert");
    }
}
