package com.paperlink.gateway.proxy;

import com.paperlink.keys.web.ContentCodings;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What crosses the gateway in each direction. Hop-by-hop headers (RFC 9110 §7.6.1, plus any named in
 * {@code Connection}) never do. Upstream gets the client's end-to-end headers minus {@code Authorization}
 * (the key is ours, not the upstream's), minus anything claiming an identity or a route the client must not
 * choose ({@code X-PaperLink-*}, {@code X-Forwarded-*}, {@code Forwarded}, {@code Host}); the gateway then
 * sets its own. {@code Accept-Encoding} goes on narrowed to registered codings the client accepts, so an
 * upstream never answers in one (such as {@code snappy}) that the client cannot decode. Works on Netty's header maps (no copies into other shapes) and is tested without a server.
 */
public final class HeaderRewriter {

    static final Set<AsciiString> HOP_BY_HOP = Set.of(AsciiString.cached("connection"),
            AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"),
            AsciiString.cached("proxy-authenticate"), AsciiString.cached("proxy-authorization"),
            AsciiString.cached("te"), AsciiString.cached("trailer"), AsciiString.cached("trailers"),
            AsciiString.cached("transfer-encoding"), AsciiString.cached("upgrade"));
    /**
     * Replaced by the gateway's own values, or (Host, Expect) set by the gateway for its own connection.
     * X-Real-IP and True-Client-IP are dropped too: upstreams behind nginx or a CDN often trust them as the
     * client address.
     */
    private static final Set<AsciiString> REPLACED = Set.of(AsciiString.cached("authorization"),
            AsciiString.cached("host"), AsciiString.cached("expect"), AsciiString.cached("forwarded"),
            AsciiString.cached("x-forwarded-for"), AsciiString.cached("x-forwarded-proto"),
            AsciiString.cached("x-forwarded-host"), AsciiString.cached("x-forwarded-port"),
            AsciiString.cached("x-request-id"), AsciiString.cached("x-real-ip"), AsciiString.cached("true-client-ip"),
            AsciiString.cached("traceparent"), AsciiString.cached("tracestate"),
            AsciiString.cached("accept-encoding"));
    private static final AsciiString IDENTITY_PREFIX = AsciiString.cached("x-paperlink-");
    /** Every client header name the upstream does not get as it is: hop-by-hop, or replaced by the gateway. */
    private static final NameSet NOT_FORWARDED = new NameSet(HOP_BY_HOP, REPLACED);
    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");
    private static final AsciiString TEAM_ID = AsciiString.cached("X-PaperLink-Team-Id");
    private static final AsciiString KEY_ID = AsciiString.cached("X-PaperLink-Key-Id");
    private static final AsciiString MODE = AsciiString.cached("X-PaperLink-Mode");
    private static final AsciiString SCOPE = AsciiString.cached("X-PaperLink-Scope");
    public static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    public static final AsciiString TRACESTATE = AsciiString.cached("tracestate");

    /** Who the gateway vouches for, as the upstream receives it. */
    public record Identity(String teamId, String keyId, String mode, String scope) {
    }

    private HeaderRewriter() {
    }

    /**
     * @param incoming     the client's headers, in order
     * @param forwardedFor {@code X-Forwarded-For} value: the hops we vouch for, client first
     * @param proto        {@code http} or {@code https} as the client used it
     * @param host         the {@code Host} the client asked for, or {@code null}
     * @return new headers for the upstream request, without {@code Host} (the caller sets the upstream's)
     */
    public static HttpHeaders toUpstream(HttpHeaders incoming, Identity identity, String requestId,
                                         String forwardedFor, String proto, String host) {
        return toUpstream(incoming, identity, requestId, forwardedFor, proto, host, null, null);
    }

    /**
     * As above, with the W3C trace context for the upstream: the client's {@code traceparent}/{@code tracestate}
     * are replaced by these (the gateway's hop as parent), or dropped when {@code traceparent} is null.
     */
    public static HttpHeaders toUpstream(HttpHeaders incoming, Identity identity, String requestId,
                                         String forwardedFor, String proto, String host, String traceparent,
                                         String tracestate) {
        Set<AsciiString> dropped = connectionTokens(incoming);
        HttpHeaders out = new DefaultHttpHeaders(false);
        Iterator<Map.Entry<CharSequence, CharSequence>> it = incoming.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = it.next();
            CharSequence name = header.getKey();
            if (NOT_FORWARDED.contains(name) || AsciiString.regionMatches(name, true, 0, IDENTITY_PREFIX, 0,
                    IDENTITY_PREFIX.length()) || (dropped != null && dropped.contains(AsciiString.of(name).toLowerCase()))) {
                continue;
            }
            out.add(header.getKey(), header.getValue());
        }
        // getAll builds a list even for a header that is absent: asked only when it is there
        List<String> acceptEncoding = incoming.contains(HttpHeaderNames.ACCEPT_ENCODING)
                ? incoming.getAll(HttpHeaderNames.ACCEPT_ENCODING) : List.of();
        if (!acceptEncoding.isEmpty()) {
            // Only registered codings the client accepts: an upstream's answer passes through as it is encoded.
            out.add(HttpHeaderNames.ACCEPT_ENCODING, ContentCodings.forUpstream(
                    acceptEncoding.size() == 1 ? acceptEncoding.get(0) : String.join(",", acceptEncoding)));
        }
        out.add(X_FORWARDED_FOR, forwardedFor);
        out.add(X_FORWARDED_PROTO, proto);
        if (host != null && !host.isBlank()) {
            out.add(X_FORWARDED_HOST, host);
        }
        out.add(X_REQUEST_ID, requestId);
        out.add(TEAM_ID, identity.teamId());
        out.add(KEY_ID, identity.keyId());
        out.add(MODE, identity.mode());
        out.add(SCOPE, identity.scope());
        if (traceparent != null) {
            out.add(TRACEPARENT, traceparent);
            if (tracestate != null && !tracestate.isBlank()) {
                out.add(TRACESTATE, tracestate);
            }
        }
        return out;
    }

    /** Removes the hop-by-hop headers of an upstream answer (and those named in its {@code Connection}). */
    public static void stripHopByHop(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                int start = 0;
                while (start <= value.length()) {
                    int comma = value.indexOf(',', start);
                    int end = comma < 0 ? value.length() : comma;
                    String token = value.substring(start, end).trim();
                    if (!token.isEmpty()) {
                        headers.remove(token);
                    }
                    start = end + 1;
                }
            }
        }
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /** Header names listed in {@code Connection} (RFC 9110 §7.6.1), lower-cased; null when there are none. */
    private static Set<AsciiString> connectionTokens(HttpHeaders headers) {
        if (!headers.contains(HttpHeaderNames.CONNECTION)) {
            return null;
        }
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        List<AsciiString> names = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    names.add(AsciiString.of(name).toLowerCase());
                }
            }
        }
        return Set.copyOf(names);
    }

    /**
     * Header names matched ignoring case without allocating: by Netty's case-insensitive hash
     * ({@link AsciiString#hashCode(CharSequence)}, the one its headers use), then compared ignoring case.
     */
    static final class NameSet {
        private final AsciiString[][] buckets;

        @SafeVarargs
        NameSet(Set<AsciiString>... sets) {
            int size = 0;
            for (Set<AsciiString> set : sets) {
                size += set.size();
            }
            buckets = new AsciiString[Integer.highestOneBit(Math.max(1, size) * 4 - 1) << 1][];
            for (Set<AsciiString> set : sets) {
                for (AsciiString name : set) {
                    int i = AsciiString.hashCode(name) & (buckets.length - 1);
                    AsciiString[] bucket = buckets[i] == null ? new AsciiString[0] : buckets[i];
                    AsciiString[] grown = Arrays.copyOf(bucket, bucket.length + 1);
                    grown[bucket.length] = name;
                    buckets[i] = grown;
                }
            }
        }

        boolean contains(CharSequence name) {
            AsciiString[] bucket = buckets[AsciiString.hashCode(name) & (buckets.length - 1)];
            if (bucket != null) {
                for (AsciiString candidate : bucket) {
                    if (candidate.contentEqualsIgnoreCase(name)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
