package com.paperlink.keys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which Redis the services use and how it is run, from the two settings operators already know:
 * {@code REDIS_URL} ({@value #URI_PROPERTY}) in Lettuce's URI forms — {@code redis://host:port} or
 * {@code rediss://} for one server, {@code redis-sentinel://h1:26379,h2:26379#mymaster} for a Sentinel-managed
 * master — or {@code REDIS_CLUSTER_NODES} ({@value #CLUSTER_NODES_PROPERTY}), comma-separated
 * {@code host:port} seeds of a Redis Cluster. Setting both is refused: which one was meant is not ours to guess.
 *
 * <p>The cluster setting is deliberately not under {@code redis.}: micronaut-redis would read any {@code redis.*}
 * property as a standalone server on localhost and probe it.
 *
 * @param mode how Redis is run
 * @param uris for {@link Mode#CLUSTER} one {@code redis://host:port} per seed, otherwise the one URI as given
 */
public record RedisTarget(Mode mode, List<String> uris) {

    public static final String URI_PROPERTY = "redis.uri";
    public static final String CLUSTER_NODES_PROPERTY = "paperlink.redis.cluster-nodes";

    /** How Redis is run. */
    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    public RedisTarget {
        uris = List.copyOf(uris);
    }

    /** The one URI of a standalone or Sentinel target. */
    public String uri() {
        return uris.get(0);
    }

    /**
     * The target the two settings describe, or empty when neither is set (blank counts as unset).
     *
     * @throws IllegalArgumentException naming the setting, when one is malformed or both are set
     */
    public static Optional<RedisTarget> of(String redisUri, String clusterNodes) {
        boolean hasUri = redisUri != null && !redisUri.isBlank();
        boolean hasNodes = clusterNodes != null && !clusterNodes.isBlank();
        if (hasUri && hasNodes) {
            throw new IllegalArgumentException("REDIS_URL (" + URI_PROPERTY + ") and REDIS_CLUSTER_NODES ("
                    + CLUSTER_NODES_PROPERTY + ") are both set: set REDIS_URL for one server or Sentinel, "
                    + "REDIS_CLUSTER_NODES for a Redis Cluster, not both");
        }
        if (hasNodes) {
            return Optional.of(cluster(clusterNodes));
        }
        return hasUri ? Optional.of(single(redisUri.trim())) : Optional.empty();
    }

    private static RedisTarget single(String uri) {
        String scheme = uri.contains("://") ? uri.substring(0, uri.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        switch (scheme) {
            case "redis", "rediss", "redis-socket" -> {
                return new RedisTarget(Mode.STANDALONE, List.of(uri));
            }
            case "redis-sentinel", "rediss-sentinel" -> {
                int hash = uri.indexOf('#');
                if (hash < 0 || hash == uri.length() - 1) {
                    throw invalidUri("a Sentinel URL names its master after '#', e.g. "
                            + "redis-sentinel://h1:26379,h2:26379#mymaster");
                }
                String hosts = uri.substring(scheme.length() + 3, hash);
                int path = hosts.indexOf('/');
                hosts = hosts.substring(hosts.indexOf('@') + 1, path < 0 ? hosts.length() : path);
                for (String host : hosts.split(",", -1)) {
                    hostAndPort(host.trim(), 26379, "REDIS_URL (" + URI_PROPERTY + ")");
                }
                return new RedisTarget(Mode.SENTINEL, List.of(uri));
            }
            default -> throw invalidUri("expected redis://host:port, rediss://host:port or "
                    + "redis-sentinel://h1:26379,h2:26379#master");
        }
    }

    private static IllegalArgumentException invalidUri(String why) {
        return new IllegalArgumentException("REDIS_URL (" + URI_PROPERTY + ") is not a Redis URL: " + why);
    }

    private static RedisTarget cluster(String nodes) {
        String setting = "REDIS_CLUSTER_NODES (" + CLUSTER_NODES_PROPERTY + ")";
        List<String> uris = new ArrayList<>();
        for (String entry : nodes.split(",", -1)) {
            String node = entry.trim();
            String scheme = "redis";
            int separator = node.indexOf("://");
            if (separator >= 0) {
                scheme = node.substring(0, separator).toLowerCase(Locale.ROOT);
                if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                    throw new IllegalArgumentException(setting + ": '" + node + "' is not host:port");
                }
                node = node.substring(separator + 3);
            }
            int at = node.lastIndexOf('@');
            String credentials = at < 0 ? "" : node.substring(0, at + 1);
            String address = hostAndPort(node.substring(at + 1), -1, setting);
            uris.add(scheme + "://" + credentials + address);
        }
        return new RedisTarget(Mode.CLUSTER, uris);
    }

    /** {@code host:port} (IPv6 in brackets) checked and returned as written; the port may be left out only with a default. */
    private static String hostAndPort(String text, int defaultPort, String setting) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(setting + ": an empty node in the list");
        }
        try {
            URI parsed = new URI("redis://" + text);
            if (parsed.getHost() == null || parsed.getRawPath() != null && !parsed.getRawPath().isEmpty()
                    || parsed.getQuery() != null || parsed.getFragment() != null || parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException(setting + ": '" + text + "' is not host:port");
            }
            if (parsed.getPort() == -1 && defaultPort == -1) {
                throw new IllegalArgumentException(setting + ": '" + text + "' has no port (host:port)");
            }
            if (parsed.getPort() == 0 || parsed.getPort() > 65535) {
                throw new IllegalArgumentException(setting + ": '" + text + "' has no valid port (1-65535)");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": '" + text + "' is not host:port");
        }
    }
}
