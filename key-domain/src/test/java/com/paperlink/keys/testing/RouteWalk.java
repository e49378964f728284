package com.paperlink.keys.testing;

import io.micronaut.core.io.ResourceLoader;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.resource.StaticResourceConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every request a running Micronaut service answers, read from its {@link Router} and its static
 * resource mappings — never a hand-kept list, so a route added tomorrow is walked tomorrow. For each
 * route: the route itself (path variables filled from samples), the same path with a method it does
 * not allow (the framework's 405); for each static mapping: every file under it; and one unknown path
 * (the framework's 404).
 */
public final class RouteWalk {

    /** One request to make: {@code kind} says where it came from (route, static, 405, 404). */
    public record Probe(String method, String path, String kind) {

        @Override
        public String toString() {
            return kind + " " + method + " " + path;
        }
    }

    private RouteWalk() {
    }

    /**
     * @param samples values for path variables by name ({@code teamId} → {@code team-a}); a variable
     *                without a sample becomes {@code sample}
     */
    public static List<Probe> of(Router router, Collection<StaticResourceConfiguration> statics, Map<String, String> samples) {
        Set<Probe> probes = new LinkedHashSet<>();
        Map<String, Set<HttpMethod>> methodsByPath = new HashMap<>();
        router.uriRoutes().sorted().forEach(route -> {
            String path = expand(route, samples);
            probes.add(new Probe(route.getHttpMethodName(), path, "route"));
            methodsByPath.computeIfAbsent(path, p -> EnumSet.noneOf(HttpMethod.class)).add(route.getHttpMethod());
        });
        for (Map.Entry<String, Set<HttpMethod>> entry : methodsByPath.entrySet()) {
            for (HttpMethod method : List.of(HttpMethod.DELETE, HttpMethod.PUT, HttpMethod.GET)) {
                if (!entry.getValue().contains(method)) {
                    probes.add(new Probe(method.name(), entry.getKey(), "405"));
                    break;
                }
            }
        }
        for (StaticResourceConfiguration config : statics) {
            if (!config.isEnabled()) {
                continue;
            }
            String prefix = config.getMapping().replaceAll("/\\*\\*$", "");
            for (String file : files(config)) {
                probes.add(new Probe("GET", prefix + "/" + file, "static"));
            }
            probes.add(new Probe("GET", prefix.isEmpty() ? "/" : prefix + "/", "static"));
        }
        probes.add(new Probe("GET", "/no-such-page-" + System.nanoTime(), "404"));
        return List.copyOf(probes);
    }

    private static String expand(UriRouteInfo<?, ?> route, Map<String, String> samples) {
        UriMatchTemplate template = route.getUriMatchTemplate();
        Map<String, Object> values = new HashMap<>();
        for (String name : template.getVariableNames()) {
            values.put(name, samples.getOrDefault(name, "sample"));
        }
        String path = template.expand(values);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** The files under a static mapping's classpath directories, relative to them, sorted. */
    private static Set<String> files(StaticResourceConfiguration config) {
        Set<String> files = new TreeSet<>();
        for (ResourceLoader loader : config.getResourceLoaders()) {
            // getResource refuses directories; getResources hands back each classpath root's copy of the base.
            try (Stream<URL> bases = loader.getResources("")) {
                bases.forEach(base -> files.addAll(list(base)));
            }
        }
        return files;
    }

    private static List<String> list(URL base) {
        try {
            URI uri = base.toURI();
            if ("file".equals(uri.getScheme())) {
                return walk(Path.of(uri));
            }
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return walk(fs.provider().getPath(uri));
            }
            throw new IllegalStateException("cannot list static resources at " + base);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> walk(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return files;
    }
}
