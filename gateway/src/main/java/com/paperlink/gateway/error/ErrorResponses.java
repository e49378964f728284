package com.paperlink.gateway.error;

import com.paperlink.gateway.pipeline.PipelineAttributes;
import com.paperlink.gateway.pipeline.RequestIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds error responses in the one shape; filters return these instead of throwing. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, ErrorCode code) {
        String requestId = RequestIds.of(request);
        PipelineAttributes.setError(request, code);
        return HttpResponse.<ErrorBody>status(code.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorBody.of(code, requestId));
    }
}
