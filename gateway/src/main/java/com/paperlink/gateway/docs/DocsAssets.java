package com.paperlink.gateway.docs;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The files the docs page loads, all from the gateway's own jar (no CDN): Swagger UI from its
 * WebJar and our page script. A fixed list, so no request can name any other classpath file.
 */
@Singleton
public class DocsAssets {

    private static final Map<String, MediaType> WEBJAR_FILES = Map.of(
            "swagger-ui-bundle.js", MediaType.of("text/javascript"),
            "swagger-ui.css", MediaType.of("text/css"),
            "favicon-32x32.png", MediaType.IMAGE_PNG_TYPE,
            "favicon-16x16.png", MediaType.IMAGE_PNG_TYPE);
    private static final Map<String, MediaType> OWN_FILES = Map.of(
            "docs.js", MediaType.of("text/javascript"),
            "docs.css", MediaType.of("text/css"));

    private final String webjarRoot;

    public DocsAssets() {
        this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    }

    /** A known asset's bytes and type, or empty. */
    public Optional<Asset> find(String name) {
        if (WEBJAR_FILES.containsKey(name)) {
            return Optional.of(new Asset(read(webjarRoot + name), WEBJAR_FILES.get(name)));
        }
        if (OWN_FILES.containsKey(name)) {
            return Optional.of(new Asset(read("docs/" + name), OWN_FILES.get(name)));
        }
        return Optional.empty();
    }

    public String page() {
        return new String(read("docs/index.html"), java.nio.charset.StandardCharsets.UTF_8);
    }

    public record Asset(byte[] bytes, MediaType type) {
    }

    // The WebJar names its version in its Maven metadata; the pom pins it (swagger-ui.version).
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = DocsAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the gateway jar (org.webjars:swagger-ui dependency?)");
        }
        return in;
    }
}
