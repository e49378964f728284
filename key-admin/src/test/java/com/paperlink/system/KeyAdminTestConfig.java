package com.paperlink.system;

import com.paperlink.keys.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/** Properties that run key-admin embedded for a browser test: a private database and the test JWT secret. */
final class KeyAdminTestConfig {

    private KeyAdminTestConfig() {
    }

    static Map<String, String> properties(TestDatabase database) {
        Map<String, String> properties = new HashMap<>();
        database.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        properties.put("key-admin.jwt-secret", TestJwt.SECRET);
        return properties;
    }
}
