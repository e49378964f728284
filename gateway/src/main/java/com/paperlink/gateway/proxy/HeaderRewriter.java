package com.paperlink.gateway.proxy;

import com.paperlink.gateway.auth.AuthenticatedKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What crosses the gateway in each direction. Hop-by-hop headers (RFC 9110 §7.6.1, plus any named in
 * {@code Connection}) never do. Upstream gets the client's end-to-end headers minus {@code Authorization}
 * (the key is ours, not the upstream's), minus anything claiming an identity or a route the client must not
 * choose ({@code X-PaperLink-*}, {@code X-Forwarded-*}, {@code Forwarded}, {@code Host}); the gateway then
 * sets its own. Plain lists of name/value pairs, so the rules are tested without a server.
 */
public final class HeaderRewriter {

    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /**
     * Replaced by the gateway's own values, or (Host, Expect) left to the HTTP client. X-Real-IP and
     * True-Client-IP are dropped too: upstreams behind nginx or a CDN often trust them as the client address.
     */
    private static final Set<String> REPLACED = Set.of("authorization", "host", "expect", "forwarded",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-request-id",
            "x-real-ip", "true-client-ip");
    private static final String IDENTITY_PREFIX = "x-paperlink-";

    private HeaderRewriter() {
    }

    /**
     * @param incoming       the client's headers, in order
     * @param forwardedChain {@code X-Forwarded-For} hops we vouch for, client first (see ClientAddressResolver)
     * @param proto          {@code http} or {@code https} as the client used it
     * @param host           the {@code Host} the client asked for, or {@code null}
     */
    public static List<Map.Entry<String, String>> toUpstream(List<Map.Entry<String, String>> incoming,
                                                             AuthenticatedKey key, String requestId,
                                                             List<String> forwardedChain, String proto, String host) {
        Set<String> dropped = connectionTokens(incoming);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> header : incoming) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (dropped.contains(name) || HOP_BY_HOP.contains(name) || REPLACED.contains(name)
                    || name.startsWith(IDENTITY_PREFIX)) {
                continue;
            }
            out.add(header);
        }
        out.add(Map.entry("X-Forwarded-For", String.join(", ", forwardedChain)));
        out.add(Map.entry("X-Forwarded-Proto", proto));
        if (host != null && !host.isBlank()) {
            out.add(Map.entry("X-Forwarded-Host", host));
        }
        out.add(Map.entry("X-Request-Id", requestId));
        out.add(Map.entry("X-PaperLink-Team-Id", key.teamId()));
        out.add(Map.entry("X-PaperLink-Key-Id", key.id()));
        out.add(Map.entry("X-PaperLink-Mode", key.mode().wire()));
        out.add(Map.entry("X-PaperLink-Scope", key.scope().wire()));
        return out;
    }

    /** The names of response headers that must not reach the client: hop-by-hop ones. */
    public static Set<String> hopByHopIn(List<Map.Entry<String, String>> headers) {
        Set<String> names = connectionTokens(headers);
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Header names listed in {@code Connection} (RFC 9110 §7.6.1), lower-cased. */
    private static Set<String> connectionTokens(List<Map.Entry<String, String>> headers) {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("connection")) {
                for (String token : header.getValue().split(",")) {
                    String name = token.trim().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
