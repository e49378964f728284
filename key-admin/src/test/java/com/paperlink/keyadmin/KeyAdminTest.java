package com.paperlink.keyadmin;

import com.paperlink.keys.testing.TestDatabase;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP tests: key-admin on a random port against a private PostgreSQL database for the
 * test class, with the test JWT secret. Subclasses add {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyAdminTest implements TestPropertyProvider {

    protected TestDatabase db;

    @Inject
    @Client("/")
    protected HttpClient httpClient;

    @Inject
    protected JsonMapper jsonMapper;

    protected Api api;

    @Override
    public Map<String, String> getProperties() {
        db = TestDatabase.create(getClass().getSimpleName());
        Map<String, String> props = new HashMap<>();
        db.properties().forEach((k, v) -> props.put(k, v.toString()));
        props.put("key-admin.jwt-secret", TestJwt.SECRET);
        props.put("micronaut.server.port", "-1");
        props.putAll(extraProperties());
        return props;
    }

    /** More properties for a subclass (Redis, a gateway URL, ...). */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeEach
    protected void createApi() {
        api = new Api(httpClient.toBlocking(), jsonMapper);
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
