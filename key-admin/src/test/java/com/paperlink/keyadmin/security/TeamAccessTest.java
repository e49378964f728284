package com.paperlink.keyadmin.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may do what: roles from the JWT's teams claim, and every way a token can be bad. */
@MicronautTest(transactional = false)
class TeamAccessTest extends KeyAdminTest {

    private static final String TEAM_A = "team-a";
    private static final String TEAM_B = "team-b";
    private String keyOfB;

    @BeforeAll
    void keyInTeamB() {
        createApi();
        keyOfB = api.create(TEAM_B, TestJwt.owner("owner-b", TEAM_B), "B's key").get("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OWNER", "ADMIN"})
    void ownerAndAdminMayUseEveryEndpoint(String role) {
        String jwt = TestJwt.user("u-" + role, Map.of(TEAM_B, role));
        String base = Api.keys(TEAM_B);
        assertThat(api.get(base, jwt).status()).isEqualTo(200);
        assertThat(api.get(base + "/" + keyOfB, jwt).status()).isEqualTo(200);
        assertThat(api.patch(base + "/" + keyOfB, jwt, "{\"name\":\"B's key\"}").status()).isEqualTo(200);
        assertThat(api.get("/admin/v1/teams/" + TEAM_B + "/audit", jwt).status()).isEqualTo(200);
        String id = api.create(TEAM_B, jwt, "by " + role).get("id");
        assertThat(api.revoke(TEAM_B, id, jwt).status()).isEqualTo(200);
    }

    static Stream<Arguments> everyEndpoint() {
        String key = "/" + "key_AAAAAAAAAAAAAAAAAAAA";
        return Stream.of(
                Arguments.of("GET", "/keys", null),
                Arguments.of("POST", "/keys", "{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_only\"}"),
                Arguments.of("GET", "/keys" + key, null),
                Arguments.of("PATCH", "/keys" + key, "{\"name\":\"x\"}"),
                Arguments.of("POST", "/keys" + key + "/revoke", ""),
                Arguments.of("GET", "/audit", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void managerAndMemberAreForbidden(String method, String path, String body) {
        for (String role : new String[] {"MANAGER", "MEMBER"}) {
            Reply reply = call(method, "/admin/v1/teams/" + TEAM_B + path, body,
                    TestJwt.user("u-" + role, Map.of(TEAM_B, role)));
            assertThat(reply.status()).as(role).isEqualTo(403);
            assertThat(reply.errorCode()).isEqualTo("forbidden");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void outsidersDoNotSeeTheTeam(String method, String path, String body) {
        Reply reply = call(method, "/admin/v1/teams/" + TEAM_B + path, body, TestJwt.owner("owner-a", TEAM_A));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("not_found");
    }

    @Test
    void ownerOfAnotherTeamCannotReachAKeyThroughTheirOwnTeam() {
        String ownerA = TestJwt.owner("owner-a", TEAM_A);
        String viaA = Api.keys(TEAM_A) + "/" + keyOfB;
        assertThat(api.get(viaA, ownerA).status()).isEqualTo(404);
        assertThat(api.patch(viaA, ownerA, "{\"name\":\"hijacked\"}").status()).isEqualTo(404);
        assertThat(api.revoke(TEAM_A, keyOfB, ownerA).status()).isEqualTo(404);
        assertThat(api.get(Api.keys(TEAM_A), ownerA).list()).isEmpty();
        assertThat(api.get(Api.keys(TEAM_B) + "/" + keyOfB, TestJwt.owner("owner-b", TEAM_B)).map())
                .containsEntry("name", "B's key").containsEntry("status", "active");
    }

    static Stream<Arguments> badTokens() {
        Map<String, String> teams = Map.of(TEAM_B, "OWNER");
        return Stream.of(
                Arguments.of("missing", null),
                Arguments.of("garbage", "not-a-jwt"),
                Arguments.of("expired", TestJwt.expired("u", teams)),
                Arguments.of("wrong key", TestJwt.signedWith("another-secret-that-is-long-enough-0123456789", "u", teams)),
                Arguments.of("alg none", TestJwt.unsigned("u", teams)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokensAreUnauthorized(String label, String jwt) {
        Reply reply = api.get(Api.keys(TEAM_B), jwt);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
        assertThat(reply.error()).containsKeys("message", "requestId");
    }

    @Test
    void basicAuthInsteadOfBearerIsUnauthorized() {
        Reply reply = api.call(HttpRequest.GET(Api.keys(TEAM_B)).basicAuth("owner", "secret"));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("unauthorized");
    }

    private Reply call(String method, String path, String body, String jwt) {
        return switch (method) {
            case "GET" -> api.get(path, jwt);
            case "PATCH" -> api.patch(path, jwt, body);
            default -> path.endsWith("/revoke")
                    ? api.call(HttpRequest.POST(path, "").bearerAuth(jwt))
                    : api.post(path, jwt, body);
        };
    }
}
