package com.paperlink.gateway.docs;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The public OpenAPI document, built once at start-up: the document micronaut-openapi generated
 * at build time from this package, merged with {@code docs/public-components.yml} and decorated by
 * {@link OpenApiDecorator}. The YAML, the JSON and {@code llms.txt} all come from this one map.
 */
@Singleton
public class PublicApiDocument {

    static final String GENERATED = "META-INF/swagger/paperlink-api-1.0.yml";
    static final String COMPONENTS = "docs/public-components.yml";
    /** Where code samples send requests unless {@code gateway.docs.public-url} says otherwise (bin/up's gateway). */
    static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    static final String RELATIVE_SERVER = "/";

    private final Map<String, Object> document;
    private final String yaml;
    private final String json;
    private final String llmsText;

    public PublicApiDocument(JsonMapper jsonMapper,
                             @Property(name = "gateway.docs.public-url") @Nullable String configuredUrl) {
        // Not a placeholder default: Micronaut reads the colons of a URL as nested defaults
        // (an empty "${...:}" default even came out as "8080").
        boolean configured = configuredUrl != null && !configuredUrl.isBlank();
        String publicUrl = configured ? configuredUrl.trim() : DEFAULT_PUBLIC_URL;
        // The servers entry: the public URL when one is configured, else relative to wherever this is served
        // (so "Try it" and generated clients call the gateway that served the document).
        this.document = render(stripSlash(publicUrl), configured ? stripSlash(publicUrl) : RELATIVE_SERVER);
        this.yaml = toYaml(document);
        try {
            this.json = jsonMapper.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.llmsText = LlmsText.render(document, stripSlash(publicUrl));
    }

    /**
     * Writes the finished document (as served by a gateway whose public URL is the default) to the file
     * named in {@code args[0]}: the build runs this so that linters and client generators read exactly
     * what {@code /api/openapi.yml} serves.
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, toYaml(render(DEFAULT_PUBLIC_URL, RELATIVE_SERVER)));
    }

    static Map<String, Object> render(String publicUrl, String serverUrl) {
        return OpenApiDecorator.decorate(load(GENERATED), load(COMPONENTS), publicUrl, serverUrl);
    }

    private static String toYaml(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options).dump(document);
    }

    public Map<String, Object> document() {
        return document;
    }

    public String yaml() {
        return yaml;
    }

    public String json() {
        return json;
    }

    public String llmsText() {
        return llmsText;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String resource) {
        try (InputStream in = PublicApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath: the build generates it (micronaut-openapi)");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
