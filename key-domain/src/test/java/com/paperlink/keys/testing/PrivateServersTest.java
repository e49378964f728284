package com.paperlink.keys.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault suite relies on these helpers really stopping and restarting their servers. */
class PrivateServersTest {

    @Test
    void privatePostgresStopsAndComesBackWithItsData() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start()) {
            pg.createDatabase("probe");
            String url = pg.jdbcUrl("probe");
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.createStatement().execute("CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
            }
            pg.stopServer();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
                    .isInstanceOf(java.sql.SQLException.class);
            pg.startServer();
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void privateRedisDiesWhenKilledAndListensAgainAfterRestart() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            new Socket("127.0.0.1", redis.port()).close();
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new Socket("127.0.0.1", redis.port()).close()).isInstanceOf(java.io.IOException.class);
            redis.startServer();
            new Socket("127.0.0.1", redis.port()).close();
        }
    }

    @Test
    void privateRedisClusterFailsOverAKilledMasterAndLeavesNoProcessBehind() {
        List<Integer> ports;
        try (PrivateRedisCluster cluster = PrivateRedisCluster.start()) {
            ports = cluster.topology().stream().map(PrivateRedisCluster.Node::port).toList();
            assertThat(ports).hasSize(6);
            List<Integer> masters = cluster.masterPorts();
            assertThat(masters).hasSize(3);
            int victim = cluster.masterOf(0);

            cluster.kill(victim);
            cluster.awaitFailover(victim, 30_000);

            assertThat(cluster.masterPorts()).hasSize(3).doesNotContain(victim);
            assertThat(cluster.masterOf(0)).isNotEqualTo(victim);
        }
        assertThat(ports).noneMatch(RedisProcessGroup::listens);
    }

    @Test
    void privateRedisSentinelPromotesTheReplicaWhenTheMasterIsKilled() {
        int master;
        try (PrivateRedisSentinel sentinel = PrivateRedisSentinel.start()) {
            assertThat(sentinel.url()).startsWith("redis-sentinel://127.0.0.1:").endsWith("#mymaster");
            master = sentinel.masterPort();

            sentinel.kill(master);
            sentinel.awaitFailover(master, 30_000);

            assertThat(sentinel.masterPort()).isNotEqualTo(master);
            assertThat(RedisProcessGroup.listens(sentinel.masterPort())).isTrue();
        }
        assertThat(RedisProcessGroup.listens(master)).isFalse();
    }
}
