package com.paperlink.gateway;

import com.paperlink.keys.RuntimeSettings;
import com.paperlink.keys.TermSignal;
import io.micronaut.runtime.Micronaut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

public final class GatewayApplication {

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        TermSignal.exitZeroOnTerm();
        Micronaut.build(args)
                .mainClass(GatewayApplication.class)
                .properties(settings(System.getenv()))
                .banner(false)
                .start();
    }

    /**
     * The shared settings, plus: spans are exported over OTLP when (and only when) an OTLP endpoint is given, and
     * the public listener speaks TLS when {@code GATEWAY_TLS_CERT} and {@code GATEWAY_TLS_KEY} name PEM files.
     */
    static Map<String, Object> settings(Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>(RuntimeSettings.fromEnvironment(env));
        String otlp = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp != null && !otlp.isBlank() && env.get("OTEL_TRACES_EXPORTER") == null) {
            properties.put("otel.traces.exporter", "otlp");
        }
        String cert = blankToNull(env.get("GATEWAY_TLS_CERT"));
        String key = blankToNull(env.get("GATEWAY_TLS_KEY"));
        if (cert != null || key != null) {
            properties.putAll(tls(cert, key));
        }
        return properties;
    }

    /**
     * Micronaut's settings for TLS on the public listener (its port, ALPN offering h2 and http/1.1) from a PEM
     * certificate chain and a PEM private key ({@code gateway.tls.cert}, {@code gateway.tls.key}). A missing or
     * unreadable file stops start-up with a message naming the setting.
     */
    public static Map<String, Object> tls(String cert, String key) {
        requireReadable("gateway.tls.cert (GATEWAY_TLS_CERT)", cert);
        requireReadable("gateway.tls.key (GATEWAY_TLS_KEY)", key);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.certificate.file.gateway.path", key);
        properties.put("micronaut.certificate.file.gateway.certificate-path", cert);
        properties.put("micronaut.certificate.file.gateway.format", "PEM");
        properties.put("micronaut.server.ssl.enabled", true);
        properties.put("micronaut.server.ssl.key-name", "gateway");
        properties.put("micronaut.server.ssl.port", "${micronaut.server.port:8080}");
        properties.put("micronaut.server.http-version", "2.0");
        return properties;
    }

    private static void requireReadable(String setting, String file) {
        if (file == null || !Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(setting + " must name a readable PEM file (both are needed for TLS), was "
                    + (file == null ? "unset" : file));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
