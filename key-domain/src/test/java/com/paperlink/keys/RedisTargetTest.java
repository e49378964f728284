package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.paperlink.keys.RedisTarget.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisTargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            redis://127.0.0.1:6379                                   | STANDALONE
            rediss://user:secret@redis.example:6380/2                | STANDALONE
            redis-socket:///run/redis.sock                           | STANDALONE
            redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#mymaster | SENTINEL
            redis-sentinel://secret@s1,s2:26380/0#cache              | SENTINEL
            rediss-sentinel://[::1]:26379#main                       | SENTINEL
            """)
    void readsRedisUrlAsStandaloneOrSentinel(String url, Mode mode) {
        RedisTarget target = RedisTarget.of(url, null).orElseThrow();

        assertThat(target.mode()).isEqualTo(mode);
        assertThat(target.uri()).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1:7000,10.0.0.2:7001         | redis://10.0.0.1:7000 redis://10.0.0.2:7001
            ' redis-a:7000 , redis-b:7000 '     | redis://redis-a:7000 redis://redis-b:7000
            [::1]:7000                          | redis://[::1]:7000
            rediss://secret@node1:6380,node2:6380 | rediss://secret@node1:6380 redis://node2:6380
            """)
    void readsClusterNodesAsSeedUris(String nodes, String uris) {
        RedisTarget target = RedisTarget.of(null, nodes).orElseThrow();

        assertThat(target.mode()).isEqualTo(Mode.CLUSTER);
        assertThat(target.uris()).isEqualTo(List.of(uris.split(" ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:6379                      | REDIS_URL
            127.0.0.1:6379                             | REDIS_URL
            redis-sentinel://10.0.0.1:26379            | REDIS_URL
            redis-sentinel://10.0.0.1:26379#           | REDIS_URL
            redis-sentinel://10.0.0.1:99999#m          | REDIS_URL
            redis-sentinel://a,,b#m                    | REDIS_URL
            """)
    void refusesMalformedRedisUrlNamingTheSetting(String url, String setting) {
        assertThatThrownBy(() -> RedisTarget.of(url, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting).hasMessageContaining("redis.uri");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1
            10.0.0.1:7000,,10.0.0.2:7000
            10.0.0.1:0
            10.0.0.1:70000
            10.0.0.1:port
            http://10.0.0.1:7000
            10.0.0.1:7000/0
            """)
    void refusesMalformedClusterNodesNamingTheSetting(String nodes) {
        assertThatThrownBy(() -> RedisTarget.of(null, nodes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDIS_CLUSTER_NODES").hasMessageContaining("paperlink.redis.cluster-nodes");
    }

    @Test
    void refusesBothSettingsAtOnce() {
        assertThatThrownBy(() -> RedisTarget.of("redis://a:6379", "b:7000"))
                .hasMessageContaining("REDIS_URL").hasMessageContaining("REDIS_CLUSTER_NODES");
    }

    @Test
    void isAbsentWhenNeitherIsSet() {
        assertThat(RedisTarget.of(null, " ")).isEmpty();
        assertThat(RedisTarget.of("", null)).isEmpty();
    }
}
