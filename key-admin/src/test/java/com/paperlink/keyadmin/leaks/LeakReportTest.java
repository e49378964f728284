package com.paperlink.keyadmin.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.Api.Reply;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.TokenHash;
import com.paperlink.keys.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed leak reports over real HTTP: matching keys revoked at once, everything else left alone. */
@MicronautTest(transactional = false)
class LeakReportTest extends KeyAdminTest {

    static final String SECRET = "leak-secret-for-tests-0123456789";
    private static final String TEAM = "team-leaks";
    private final String owner = TestJwt.owner("u-leak", TEAM);
    private final String channel = TestRedis.uniquePrefix("leaks") + "key-events";
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private RedisClient redis;
    private StatefulRedisPubSubConnection<String, String> subscription;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("key-admin.leak-secret", SECRET, "redis.uri", TestRedis.URL,
                "paperlink.key-events.channel", channel);
    }

    @BeforeAll
    void subscribe() {
        redis = RedisClient.create(TestRedis.URL);
        subscription = redis.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                events.add(message);
            }
        });
        subscription.sync().subscribe(channel);
    }

    @AfterAll
    void unsubscribe() {
        subscription.close();
        redis.shutdown();
    }

    @Test
    void aSignedReportRevokesTheMatchingKeyAtOnceAndLabelsEveryToken() throws Exception {
        Reply created = api.create(TEAM, owner, "leaked in a gist");
        String keyId = created.get("id");
        String token = created.get("token");
        String unknown = ApiKeyToken.generate(KeyMode.LIVE).reveal();
        String badChecksum = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        String body = "[" + report(token, "https://gist.github.com/someone/abc") + "," + report(unknown, "https://x.test/1")
                + "," + report(badChecksum, "https://x.test/2") + "]";

        Reply reply = leak(body, sign(body));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.list()).containsExactly(
                Map.of("token_raw", token, "token_type", "paperlink_api_key", "label", "true_positive"),
                Map.of("token_raw", unknown, "token_type", "paperlink_api_key", "label", "false_positive"),
                Map.of("token_raw", badChecksum, "token_type", "paperlink_api_key", "label", "false_positive"));
        Map<String, Object> key = api.get(Api.keys(TEAM) + "/" + keyId, owner).map();
        assertThat(key).containsEntry("status", "revoked")
                .containsEntry("revokedBy", Map.of("id", "leak-report", "name", "Leak report from github"));
        assertThat(events.poll(5, TimeUnit.SECONDS)).as("gateways told at once").isEqualTo(TokenHash.sha256Hex(token));
        List<Map<String, Object>> audit = api.get("/admin/v1/teams/" + TEAM + "/audit", owner).list();
        assertThat(audit).filteredOn(entry -> keyId.equals(entry.get("keyId"))).first().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "revoked")
                    .containsEntry("actor", Map.of("id", "leak-report", "name", "Leak report from github"));
            assertThat((String) entry.get("details")).contains("https://gist.github.com/someone/abc");
        });
    }

    @Test
    void theSameReportTwiceChangesNothingMore() throws Exception {
        Reply created = api.create(TEAM, owner, "replayed");
        String keyId = created.get("id");
        String body = "[" + report(created.get("token"), "https://example.test/replay") + "]";
        assertThat(leak(body, sign(body)).list()).extracting(label -> label.get("label")).containsExactly("true_positive");
        Map<String, Object> afterFirst = api.get(Api.keys(TEAM) + "/" + keyId, owner).map();

        Reply again = leak(body, sign(body));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.list()).extracting(label -> label.get("label")).containsExactly("true_positive");
        assertThat(api.get(Api.keys(TEAM) + "/" + keyId, owner).map()).isEqualTo(afterFirst);
        assertThat(api.get("/admin/v1/teams/" + TEAM + "/audit", owner).list())
                .filteredOn(entry -> keyId.equals(entry.get("keyId")) && "revoked".equals(entry.get("action"))).hasSize(1);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndRevokesNothing() {
        Reply created = api.create(TEAM, owner, "forged report");
        String keyId = created.get("id");
        String body = "[" + report(created.get("token"), "https://example.test/forged") + "]";
        String otherBody = body.replace("forged", "other");

        for (String signature : new String[] {null, "", sign(otherBody), "sha256=zz", "sha1=" + sign(body).substring(7),
                sign(body).substring(0, 20)}) {
            Reply reply = leak(body, signature);
            assertThat(reply.status()).as("signature %s", signature).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("unauthorized");
        }
        assertThat(api.get(Api.keys(TEAM) + "/" + keyId, owner).map()).containsEntry("status", "active");
    }

    @Test
    void aSignedBodyThatIsNotAReportIs400() {
        for (String body : new String[] {"", "{}", "[]", "[{\"type\":\"x\"}]", "not json", "[1,2]"}) {
            Reply reply = leak(body, sign(body));
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("validation_failed");
        }
    }

    private Reply leak(String body, String signature) {
        var request = HttpRequest.POST("/admin/v1/leaks", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return api.call(request);
    }

    static String sign(String body) {
        return new LeakSignature(SECRET).header(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String report(String token, String url) {
        return "{\"token\":\"" + token + "\",\"type\":\"paperlink_api_key\",\"url\":\"" + url + "\",\"source\":\"github\"}";
    }
}
