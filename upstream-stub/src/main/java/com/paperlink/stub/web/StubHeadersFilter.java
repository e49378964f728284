package com.paperlink.stub.web;

import com.paperlink.stub.StubSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * What every data route needs before its controller runs: the team the gateway vouches for
 * ({@code X-PaperLink-Team-Id}; without it there is no partition to read, so 400) and a body
 * small enough for a product or a document. Every response names the instance's mode.
 */
@ServerFilter("/**")
public class StubHeadersFilter {

    public static final String TEAM_HEADER = "X-PaperLink-Team-Id";
    public static final String MODE_HEADER = "X-Stub-Mode";
    /** A product or a document is a few hundred bytes; anything near this is not one. */
    public static final long MAX_DATA_BODY_BYTES = 64 * 1024;

    private static final Pattern TEAM_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final String mode;

    public StubHeadersFilter(StubSettings settings) {
        this.mode = settings.mode();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> requireTeam(HttpRequest<?> request) {
        if (!isDataPath(request.getPath())) {
            return null;
        }
        String team = request.getHeaders().get(TEAM_HEADER);
        if (team == null || team.isBlank()) {
            return error(request, ErrorCode.MISSING_TEAM, ErrorCode.MISSING_TEAM.message());
        }
        if (!TEAM_ID.matcher(team).matches()) {
            return error(request, ErrorCode.VALIDATION_FAILED,
                    TEAM_HEADER + ": must be 1-100 characters of letters, digits and _.:-");
        }
        if (request.getContentLength() > MAX_DATA_BODY_BYTES) {
            return error(request, ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + MAX_DATA_BODY_BYTES + " bytes.");
        }
        return null;
    }

    @ResponseFilter
    public void nameMode(MutableHttpResponse<?> response) {
        response.header(MODE_HEADER, mode);
    }

    static boolean isDataPath(String path) {
        return path.equals("/products") || path.startsWith("/products/")
                || path.equals("/documents") || path.startsWith("/documents/");
    }

    // A response returned here skips this filter's own response method, so it names the mode itself.
    private HttpResponse<ErrorBody> error(HttpRequest<?> request, ErrorCode code, String message) {
        return HttpResponse.<ErrorBody>status(code.status()).header(MODE_HEADER, mode)
                .body(ErrorBody.of(code.code(), message, RequestIds.of(request)));
    }
}
