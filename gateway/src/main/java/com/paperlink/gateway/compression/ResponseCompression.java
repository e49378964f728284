package com.paperlink.gateway.compression;

import com.paperlink.keys.web.ContentCodings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.CompressionOptions;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.compression.Zstd;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Response compression for one connection, between Netty's HTTP codec and the API pipeline (Netty's
 * {@link HttpContentCompressor} with explicit options: {@code gzip} and {@code deflate}, plus {@code br} and
 * {@code zstd} only where their encoders are on the classpath). The coding comes from
 * {@link ContentCodings}: only registered codings the client listed, {@code *} per RFC 9110, otherwise
 * identity. Compressed: {@code /api/v1} answers of a textual type from {@value #MIN_SIZE} bytes on;
 * an answer the upstream already encoded passes untouched. {@code Vary: Accept-Encoding} on every answer
 * that could have been compressed.
 *
 * <p>Everything else on the connection is Micronaut's (the reference, /health): Micronaut compresses its own
 * answers, so they pass here untouched, and their request's {@code Accept-Encoding} is narrowed to the one
 * coding chosen here, so Micronaut too answers only in a coding the client can decode.
 */
public final class ResponseCompression extends HttpContentCompressor {

    /** Smaller bodies gain nothing worth the CPU (an error answer is ~200 bytes). */
    public static final int MIN_SIZE = 1024;
    /** Recorded instead of the client's header for answers this handler must not touch. */
    private static final String UNTOUCHED = "x-paperlink-untouched";
    private static final List<String> AVAILABLE = available();

    private final boolean enabled;
    private final Predicate<String> isApi;

    /**
     * @param enabled {@code gateway.compression.enabled}: false answers in identity everywhere
     * @param isApi   whether a request target belongs to the API pipeline
     */
    public ResponseCompression(boolean enabled, Predicate<String> isApi) {
        super(MIN_SIZE, options());
        this.enabled = enabled;
        this.isApi = isApi;
    }

    /** The codings this gateway can encode, in its order of preference. */
    public static List<String> codings() {
        return AVAILABLE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, HttpRequest request, List<Object> out) throws Exception {
        HttpHeaders headers = request.headers();
        boolean api = request.decoderResult().isSuccess() && isApi.test(request.uri());
        if (api && enabled) {
            super.decode(ctx, request, out);
            return;
        }
        List<String> original = headers.getAll(HttpHeaderNames.ACCEPT_ENCODING);
        headers.set(HttpHeaderNames.ACCEPT_ENCODING, UNTOUCHED);
        super.decode(ctx, request, out);
        if (api) {
            restore(headers, original); // forwarded to the upstream (narrowed there)
            return;
        }
        String chosen = enabled && !original.isEmpty() ? ContentCodings.choose(String.join(",", original), AVAILABLE) : null;
        if (chosen == null) {
            headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
        } else {
            headers.set(HttpHeaderNames.ACCEPT_ENCODING, chosen);
        }
    }

    @Override
    protected Result beginEncode(HttpResponse response, String acceptEncoding) throws Exception {
        if (UNTOUCHED.equals(acceptEncoding)) {
            return null;
        }
        HttpHeaders headers = response.headers();
        if (headers.contains(HttpHeaderNames.CONTENT_ENCODING) || !textual(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
            return null; // already encoded by the upstream, or not worth compressing (images, archives …)
        }
        long length = HttpUtil.getContentLength(response, -1L);
        if (length >= 0 && length < MIN_SIZE) {
            return null;
        }
        headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        String coding = ContentCodings.choose(acceptEncoding, AVAILABLE);
        return coding == null ? null : super.beginEncode(response, coding);
    }

    static boolean textual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).trim();
        }
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/yaml")
                || type.equals("application/javascript") || type.equals("application/x-ndjson");
    }

    private static void restore(HttpHeaders headers, List<String> values) {
        headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
        for (String value : values) {
            headers.add(HttpHeaderNames.ACCEPT_ENCODING, value);
        }
    }

    private static List<String> available() {
        List<String> codings = new ArrayList<>(4);
        if (Brotli.isAvailable()) {
            codings.add("br");
        }
        if (Zstd.isAvailable()) {
            codings.add("zstd");
        }
        codings.add("gzip");
        codings.add("deflate");
        return List.copyOf(codings);
    }

    private static CompressionOptions[] options() {
        List<CompressionOptions> options = new ArrayList<>(4);
        if (AVAILABLE.contains("br")) {
            options.add(StandardCompressionOptions.brotli());
        }
        if (AVAILABLE.contains("zstd")) {
            options.add(StandardCompressionOptions.zstd());
        }
        options.add(StandardCompressionOptions.gzip());
        options.add(StandardCompressionOptions.deflate());
        return options.toArray(CompressionOptions[]::new);
    }
}
