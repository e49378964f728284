package com.paperlink.gateway;

import com.paperlink.keys.RuntimeSettings;
import com.paperlink.keys.TermSignal;
import io.micronaut.runtime.Micronaut;
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

    /** The shared settings, plus: spans are exported over OTLP when (and only when) an OTLP endpoint is given. */
    static Map<String, Object> settings(Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>(RuntimeSettings.fromEnvironment(env));
        String otlp = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp != null && !otlp.isBlank() && env.get("OTEL_TRACES_EXPORTER") == null) {
            properties.put("otel.traces.exporter", "otlp");
        }
        return properties;
    }
}
