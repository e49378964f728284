package com.paperlink.keyadmin.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** Without KEY_ADMIN_LEAK_SECRET the leak endpoint does not exist, whatever is sent. */
@MicronautTest(transactional = false)
class LeakReportsOffTest extends KeyAdminTest {

    @Test
    void answers404WithTheErrorShapeWhenNoSecretIsSet() {
        String body = "[{\"token\":\"pk_live_x\",\"type\":\"t\",\"url\":\"u\",\"source\":\"s\"}]";
        Reply reply = api.call(HttpRequest.POST("/admin/v1/leaks", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Signature", LeakReportTest.sign(body)));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }
}
