package com.paperlink.keyadmin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad body → 400 validation_failed naming the field; never a 500. */
@MicronautTest(transactional = false)
class KeyValidationTest extends KeyAdminTest {

    private static final String TEAM = "team-validation";
    private final String owner = TestJwt.owner("u-v", TEAM);
    private String patchTarget;

    @BeforeAll
    void keyToPatch() {
        createApi();
        patchTarget = api.create(TEAM, owner, "patch target").get("id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty body                 | ``                                                              | body
            blank body                 | `   `                                                           | body
            malformed JSON             | {"name":                                                        | body
            not an object              | ["name"]                                                        | body
            JSON string                | "hello"                                                         | body
            JSON null                  | null                                                            | body
            missing name               | {"mode":"live","scope":"read_only"}                             | name
            null name                  | {"name":null,"mode":"live","scope":"read_only"}                 | name
            blank name                 | {"name":"   ","mode":"live","scope":"read_only"}                | name
            name too long              | {"name":"%LONG%","mode":"live","scope":"read_only"}             | name
            name a number              | {"name":42,"mode":"live","scope":"read_only"}                   | name
            name an object             | {"name":{"a":1},"mode":"live","scope":"read_only"}              | name
            name with control char     | {"name":"a\\u0000b","mode":"live","scope":"read_only"}          | name
            missing mode               | {"name":"x","scope":"read_only"}                                | mode
            unknown mode               | {"name":"x","mode":"prod","scope":"read_only"}                  | mode
            mode upper case            | {"name":"x","mode":"LIVE","scope":"read_only"}                  | mode
            mode a boolean             | {"name":"x","mode":true,"scope":"read_only"}                    | mode
            missing scope              | {"name":"x","mode":"live"}                                      | scope
            unknown scope              | {"name":"x","mode":"live","scope":"admin"}                      | scope
            expiresAt not a date       | {"name":"x","mode":"live","scope":"read_only","expiresAt":"soon"} | expiresAt
            expiresAt without offset   | {"name":"x","mode":"live","scope":"read_only","expiresAt":"2099-01-01T00:00:00"} | expiresAt
            expiresAt in the past      | {"name":"x","mode":"live","scope":"read_only","expiresAt":"2001-01-01T00:00:00Z"} | expiresAt
            expiresAt a number         | {"name":"x","mode":"live","scope":"read_only","expiresAt":4102444800} | expiresAt
            allowedIps a string        | {"name":"x","mode":"live","scope":"read_only","allowedIps":"10.0.0.1"} | allowedIps
            allowedIps bad address     | {"name":"x","mode":"live","scope":"read_only","allowedIps":["10.0.0.300"]} | allowedIps
            allowedIps host name       | {"name":"x","mode":"live","scope":"read_only","allowedIps":["example.com"]} | allowedIps
            allowedIps bad prefix      | {"name":"x","mode":"live","scope":"read_only","allowedIps":["10.0.0.0/33"]} | allowedIps
            allowedIps number entry    | {"name":"x","mode":"live","scope":"read_only","allowedIps":[10]} | allowedIps
            allowedIps too many        | {"name":"x","mode":"live","scope":"read_only","allowedIps":[%51IPS%]} | allowedIps
            unknown field              | {"name":"x","mode":"live","scope":"read_only","admin":true}     | admin
            """)
    void createRejects(String label, String body, String field) {
        Reply reply = api.post(Api.keys(TEAM), owner, expand(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorField()).isEqualTo(field);
        assertThat(reply.error()).containsKeys("message", "requestId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            change mode         | {"mode":"test"}                    | mode
            change scope        | {"scope":"read_only"}              | scope
            change id           | {"id":"key_x"}                     | id
            change createdAt    | {"createdAt":"2020-01-01T00:00:00Z"} | createdAt
            unknown field       | {"colour":"blue"}                  | colour
            empty object        | {}                                 | body
            empty body          | ``                                 | body
            malformed JSON      | {"name"                            | body
            blank name          | {"name":""}                        | name
            name too long       | {"name":"%LONG%"}                  | name
            null name           | {"name":null}                      | name
            expiresAt past      | {"expiresAt":"2000-01-01T00:00:00Z"} | expiresAt
            allowedIps wrong    | {"allowedIps":["1.2.3"]}           | allowedIps
            rename with mode    | {"name":"ok","mode":"live"}        | mode
            """)
    void patchRejects(String label, String body, String field) {
        String id = patchTarget;
        Reply reply = api.patch(Api.keys(TEAM) + "/" + id, owner, expand(body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("validation_failed");
        assertThat(reply.errorField()).isEqualTo(field);
        assertThat(api.get(Api.keys(TEAM) + "/" + id, owner).map()).containsEntry("name", "patch target");
    }

    @Test
    void nameOfExactly100CharactersAfterTrimIsAccepted() {
        String name = "n".repeat(100);
        Reply reply = api.post(Api.keys("team-long-name"), TestJwt.owner("u-v", "team-long-name"),
                "{\"name\":\"  " + name + "  \",\"mode\":\"live\",\"scope\":\"read_only\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.get("name")).isEqualTo(name);
    }

    @Test
    void hugeBodyIsRejectedWithTheErrorShape() {
        String huge = "{\"name\":\"" + "x".repeat(200_000) + "\",\"mode\":\"live\",\"scope\":\"read_only\"}";
        Reply reply = api.post(Api.keys(TEAM), owner, huge);
        assertThat(reply.status()).isIn(400, 413);
        assertThat(reply.errorCode()).isIn("validation_failed", "payload_too_large");
    }

    @Test
    void nonJsonContentTypeIsUnsupportedMediaType() {
        Reply reply = api.call(HttpRequest.POST(Api.keys(TEAM), "name=x").contentType(MediaType.TEXT_PLAIN_TYPE)
                .bearerAuth(owner));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("unsupported_media_type");
    }

    private static String expand(String body) {
        String ips = String.join(",", Collections.nCopies(51, "\"10.0.0.1\""));
        return body.replace("%LONG%", "x".repeat(101)).replace("%51IPS%", ips);
    }
}
