package com.paperlink.keys.web;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The browser-facing header policy of every PaperLink service, in one place: each service's one
 * response filter asks this class what to send and only writes it onto its framework's response.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: an HTML page gets a page policy (its own scripts and styles
 *       only, never inline script, calls only to its own origin); every other answer gets
 *       {@link #NOT_A_PAGE_POLICY}, which lets it load nothing. Both forbid framing
 *       ({@code frame-ancestors 'none'}), so no other site can overlay or clickjack a page.</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers that predate {@code frame-ancestors}.</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON or text answer is never run as script or style.</li>
 *   <li>{@code Referrer-Policy: no-referrer}: no URL of ours leaves in a {@code Referer}.</li>
 *   <li>{@code Strict-Transport-Security} only when the answer reaches the browser over HTTPS (see
 *       {@link #servedOverHttps}); browsers ignore it over plain HTTP anyway (RFC 6797 §8.1).</li>
 * </ul>
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String FRAME_OPTIONS = "X-Frame-Options";
    public static final String REFERRER_POLICY = "Referrer-Policy";
    public static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";
    public static final String CACHE_CONTROL = "Cache-Control";

    /**
     * A page that loads its own scripts, styles, images and fonts, calls only its own origin and
     * cannot be framed. No {@code 'unsafe-inline'}: inline scripts, inline {@code <style>} blocks and
     * {@code style="…"} attributes do not run.
     */
    public static final String STRICT_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /**
     * Swagger UI's pages: as strict for scripts, but Swagger UI (React) writes inline styles while it
     * renders, so {@code style-src} also allows {@code 'unsafe-inline'} (a style runs no script).
     */
    public static final String SWAGGER_UI_PAGE_POLICY = STRICT_PAGE_POLICY.replace("style-src 'self';",
            "style-src 'self' 'unsafe-inline';");
    /** For everything that is not an HTML page (JSON, YAML, text, metrics, scripts): loads nothing, framed by no one. */
    public static final String NOT_A_PAGE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** One year, for this host only: {@code includeSubDomains} could lock browsers out of sibling hosts still on HTTP. */
    public static final String HSTS = "max-age=31536000";
    /** Answers that carry tokens or team data: no browser, proxy or CDN keeps a copy. */
    public static final String NO_STORE = "no-store";
    /** Page assets: a cache may keep them but must ask first, so a new release is picked up at once. */
    public static final String REVALIDATE = "no-cache";

    private SecurityHeaders() {
    }

    /**
     * Hands each header of the policy to {@code header}.
     *
     * @param contentType the answer's media type, or null when it has none (an empty 204, a 304)
     * @param pagePolicy  the Content-Security-Policy if the answer is an HTML page
     *                    ({@link #STRICT_PAGE_POLICY} unless the page needs more)
     * @param https       whether the browser reached us over HTTPS ({@link #servedOverHttps})
     */
    public static void forEach(String contentType, String pagePolicy, boolean https, BiConsumer<String, String> header) {
        header.accept(CONTENT_SECURITY_POLICY, isHtml(contentType) ? pagePolicy : NOT_A_PAGE_POLICY);
        header.accept(CONTENT_TYPE_OPTIONS, "nosniff");
        header.accept(FRAME_OPTIONS, "DENY");
        header.accept(REFERRER_POLICY, "no-referrer");
        if (https) {
            header.accept(STRICT_TRANSPORT_SECURITY, HSTS);
        }
    }

    /** {@code text/html} or {@code application/xhtml+xml}, with or without parameters. */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    /**
     * Whether the browser's connection is HTTPS: TLS ends at this server, or the socket peer is one of
     * our trusted proxies and says {@code X-Forwarded-Proto: https}. Anyone else's
     * {@code X-Forwarded-Proto} is the client's own claim and is ignored. With several values (proxies
     * that append), the right-most one counts: it is the one our trusted neighbour wrote.
     *
     * @param tls            TLS ends at this server
     * @param peerIsTrusted  the socket peer is a trusted proxy
     * @param forwardedProto the {@code X-Forwarded-Proto} header values, in order (possibly empty)
     */
    public static boolean servedOverHttps(boolean tls, boolean peerIsTrusted, List<String> forwardedProto) {
        if (tls) {
            return true;
        }
        if (!peerIsTrusted || forwardedProto.isEmpty()) {
            return false;
        }
        String last = forwardedProto.get(forwardedProto.size() - 1);
        String nearest = last.substring(last.lastIndexOf(',') + 1).trim();
        return nearest.equalsIgnoreCase("https");
    }
}
