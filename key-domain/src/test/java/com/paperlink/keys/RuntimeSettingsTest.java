package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    @Test
    void mapsDeploymentVariablesToServiceProperties() {
        Map<String, Object> properties = RuntimeSettings.fromEnvironment(Map.of(
                "JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test", "JDBC_USER", "app",
                "JDBC_PASSWORD", "secret", "REDIS_URL", "redis://127.0.0.1:6379"));

        assertThat(properties).containsEntry("datasources.default.url", "jdbc:postgresql://127.0.0.1:5432/test")
                .containsEntry("datasources.default.username", "app")
                .containsEntry("datasources.default.password", "secret")
                .containsEntry("redis.uri", "redis://127.0.0.1:6379");
    }

    @Test
    void leavesRedisAbsentWhenTheVariableIsEmpty() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of("REDIS_URL", " "))).doesNotContainKey("redis.uri");
        assertThat(RuntimeSettings.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void mapsRedisClusterNodesOutsideMicronautRedisNamespace() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of("REDIS_CLUSTER_NODES", " 10.0.0.1:7000,10.0.0.2:7000 ")))
                .containsEntry("paperlink.redis.cluster-nodes", "10.0.0.1:7000,10.0.0.2:7000")
                .doesNotContainKey("redis.uri");
    }
}
