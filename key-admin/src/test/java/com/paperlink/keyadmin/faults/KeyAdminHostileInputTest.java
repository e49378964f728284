package com.paperlink.keyadmin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.HostileInputs;
import com.paperlink.keys.testing.RawHttp;
import com.paperlink.keys.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input against key-admin: generated bad JWTs, JSON bombs and huge bodies, wrong types and
 * extra fields, path traversal. Never a 5xx, never a hang, always the error shape; nothing changes.
 */
@Timeout(120)
class KeyAdminHostileInputTest {

    private static final long SEED = 7_2026_11_23L;

    private static TestDatabase database;
    private static FaultKeyAdmin keyAdmin;
    private static String owner;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("kahostile");
        keyAdmin = FaultKeyAdmin.start(database.properties(), Map.of());
        owner = FaultKeyAdmin.jwt("user_owner", "team_a", "OWNER");
    }

    @AfterAll
    static void stop() {
        if (keyAdmin != null) {
            keyAdmin.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void badJwtsAreUnauthorizedWithTheErrorShape() throws Exception {
        RawHttp http = new RawHttp(keyAdmin.port(), 10_000);
        List<HostileInputs.Sample> samples = new HostileInputs(SEED).badJwts(60, FaultKeyAdmin.SECRET, "team_a");
        samples.addAll(new HostileInputs(SEED).apiKeyHeaders(10)); // API keys are not JWTs either
        Map<String, Map<Integer, Integer>> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            HostileInputs.Sample sample = samples.get(i);
            RawHttp.Response response = http.get("/admin/v1/teams/team_a/keys", "Authorization: " + sample.value());
            outcomes.computeIfAbsent(sample.family(), f -> new TreeMap<>()).merge(response.status(), 1, Integer::sum);
            List<Integer> allowed = sample.family().equals("jwt wrong claim types") ? List.of(401, 403, 404)
                    : List.of(400, 401, 413, 431);
            boolean ok = allowed.contains(response.status()) && response.hasErrorShape();
            if (!ok) {
                failures.add(sample.family() + " #" + i + " → " + response.status());
            }
        }
        System.out.println("key-admin bad JWTs, family → status → count: " + outcomes);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(keyAdmin.send("GET", "/admin/v1/teams/team_a/keys", owner, null).statusCode()).as("control")
                .isEqualTo(200);
    }

    @Test
    void jsonBombsHugeBodiesAndWrongTypesAreClientErrorsAndCreateNothing() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("nesting 100k deep", "[".repeat(100_000) + "]".repeat(100_000));
        bodies.put("nested objects 20k deep", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000));
        bodies.put("1 MB name", "{\"name\":\"" + "a".repeat(1 << 20) + "\",\"mode\":\"live\",\"scope\":\"read_write\"}");
        bodies.put("60 KB name", "{\"name\":\"" + "a".repeat(60_000) + "\",\"mode\":\"live\",\"scope\":\"read_write\"}");
        bodies.put("100k allowedIps", "{\"name\":\"n\",\"mode\":\"live\",\"scope\":\"read_write\",\"allowedIps\":["
                + "\"10.0.0.1\",".repeat(100_000) + "\"10.0.0.1\"]}");
        bodies.put("huge number", "{\"name\":\"n\",\"mode\":\"live\",\"scope\":\"read_write\",\"expiresAt\":1e999999999}");
        bodies.put("wrong types", "{\"name\":[1,2],\"mode\":{\"x\":1},\"scope\":true}");
        bodies.put("null everything", "{\"name\":null,\"mode\":null,\"scope\":null}");
        bodies.put("not json", "name=x&mode=live");
        bodies.put("truncated", "{\"name\":\"x\",\"mode\":\"li");
        bodies.put("empty", "");
        bodies.put("array at top", "[{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_write\"}]");
        bodies.put("unknown mode", "{\"name\":\"x\",\"mode\":\"prod\",\"scope\":\"read_write\"}");
        bodies.put("garbage expiresAt", "{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_write\",\"expiresAt\":\"soon\"}");
        bodies.put("garbage allowedIps", "{\"name\":\"x\",\"mode\":\"live\",\"scope\":\"read_write\",\"allowedIps\":[\"999.1.1.1/99\"]}");
        bodies.put("control chars in name", "{\"name\":\"\\u0000\\u0001\\r\\n\",\"mode\":\"live\",\"scope\":\"read_write\"}");
        bodies.put("blank name", "{\"name\":\"   \",\"mode\":\"live\",\"scope\":\"read_write\"}");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcome = new LinkedHashMap<>();
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response;
            try {
                response = keyAdmin.send("POST", "/admin/v1/teams/team_a/keys", owner, body.getValue());
            } catch (java.io.IOException e) {
                failures.add(body.getKey() + " → no answer: " + e);
                continue;
            }
            outcome.put(body.getKey(), response.statusCode());
            boolean ok = List.of(400, 413, 415, 422).contains(response.statusCode())
                    && FaultKeyAdmin.hasErrorShape(response.body());
            if (!ok) {
                failures.add(body.getKey() + " → " + response.statusCode() + " " + abbreviate(response.body()));
            }
        }
        System.out.println("key-admin bodies → status: " + outcome);
        assertThat(failures).isEmpty();
        assertThat(keyAdmin.send("GET", "/admin/v1/teams/team_a/keys", owner, null).body()).isEqualTo("[]");
    }

    @Test
    void extraFieldsCannotChooseTheTeamOrTheCreator() throws Exception {
        HttpResponse<String> response = keyAdmin.send("POST", "/admin/v1/teams/team_a/keys", owner,
                "{\"name\":\"x\",\"mode\":\"test\",\"scope\":\"read_only\",\"teamId\":\"team_b\",\"team\":\"team_b\","
                        + "\"createdBy\":{\"id\":\"someone\",\"name\":\"Someone\"},\"status\":\"revoked\",\"id\":\"key_mine\"}");
        assertThat(response.statusCode()).isIn(201, 400);
        if (response.statusCode() == 201) {
            assertThat(response.body()).contains("\"status\":\"active\"").contains("user_owner").doesNotContain("someone")
                    .doesNotContain("key_mine");
        }
        String teamB = FaultKeyAdmin.jwt("user_b", "team_b", "OWNER");
        assertThat(keyAdmin.send("GET", "/admin/v1/teams/team_b/keys", teamB, null).body()).doesNotContain("\"name\":\"x\"");
    }

    @Test
    void pathTraversalNeverReachesAnotherTeam() throws Exception {
        String teamB = FaultKeyAdmin.jwt("user_b", "team_b", "OWNER");
        keyAdmin.createKey("team_b", teamB, "b-key", "live");
        RawHttp http = new RawHttp(keyAdmin.port(), 10_000);
        List<String> paths = List.of("/admin/v1/teams/team_a/../team_b/keys", "/admin/v1/teams/team_a/..%2Fteam_b/keys",
                "/admin/v1/teams/team_a%2F..%2Fteam_b/keys", "/admin/v1/teams/%2e%2e/team_b/keys",
                "/admin/v1/teams/team_b%00/keys", "/admin/v1/teams/team_a;/../team_b/keys", "/admin/v1/teams//team_b/keys",
                "/admin/v1/teams/team_a/keys/..%2F..%2Fteam_b%2Fkeys", "/admin/v1/teams/TEAM_B/keys",
                "/admin/v1/teams/team_b%20/keys", "/admin/v1/teams/team_a/keys/%2e%2e");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcome = new LinkedHashMap<>();
        for (String path : paths) {
            RawHttp.Response response = http.get(path, "Authorization: Bearer " + owner);
            outcome.put(path, response.status());
            boolean ok = response.status() >= 400 && response.status() < 500 && response.hasErrorShape()
                    || response.status() == 200 && !response.body().contains("b-key");
            if (!ok) {
                failures.add(path + " → " + response.status() + " " + abbreviate(response.body()));
            }
        }
        System.out.println("key-admin path traversal → status: " + outcome);
        assertThat(failures).isEmpty();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
