package com.paperlink.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.keys.testing.PrivateRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions asked on an event loop go through that loop's own Redis connection, and concurrent ones for one
 * bucket share script calls: counted on a private redis-server, so every command seen is ours.
 */
class CoalescedDecisionsTest {

    private static PrivateRedis redis;
    private static RedisRateLimiter limiter;
    private static EventLoopGroup loops;
    private static RedisClient admin;
    private static StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void start() {
        redis = PrivateRedis.start();
        limiter = new RedisRateLimiter(redis.url(), "coalesce:", Duration.ofSeconds(5));
        // The transport Lettuce uses (epoll where available), as the gateway's own loops do
        loops = new MultiThreadIoEventLoopGroup(1, io.lettuce.core.resource.Transports.socketChannelClass()
                == io.netty.channel.epoll.EpollSocketChannel.class ? io.netty.channel.epoll.EpollIoHandler.newFactory()
                : NioIoHandler.newFactory());
        admin = RedisClient.create(redis.url());
        adminConnection = admin.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        limiter.close();
        adminConnection.close();
        admin.shutdown();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        redis.close();
    }

    @Test
    void decidesFiftyConcurrentRequestsForOneBucketExactlyInAFewScriptCalls() throws Exception {
        RateLimitPolicy policy = new RateLimitPolicy(20, Duration.ofSeconds(60));
        EventLoop loop = loops.next();
        loop.submit(() -> limiter.acquire("warm-up", policy)).get(5, TimeUnit.SECONDS).toCompletableFuture()
                .get(5, TimeUnit.SECONDS); // connects the loop's lane
        long before = scriptCalls();

        List<CompletableFuture<RateLimitDecision>> decisions = loop.submit(() -> {
            List<CompletableFuture<RateLimitDecision>> asked = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                asked.add(limiter.acquire("busy-key", policy).toCompletableFuture());
            }
            return asked;
        }).get(5, TimeUnit.SECONDS);
        List<RateLimitDecision> answers = new ArrayList<>();
        for (CompletableFuture<RateLimitDecision> decision : decisions) {
            answers.add(decision.get(5, TimeUnit.SECONDS));
        }

        assertThat(answers.stream().filter(RateLimitDecision::allowed).count()).isEqualTo(20);
        assertThat(answers.subList(0, 20)).allMatch(RateLimitDecision::allowed);
        assertThat(answers.subList(0, 20).stream().map(RateLimitDecision::remaining).toList())
                .as("each accepted request has its own place in the window, in arrival order")
                .containsExactly(19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(answers.subList(20, 50)).allMatch(d -> !d.allowed() && d.retryAfterSeconds() >= 1);
        assertThat(adminConnection.sync().zcard("coalesce:{busy-key}")).as("rejections are not counted").isEqualTo(20);
        assertThat(scriptCalls() - before).as("script calls for 50 decisions").isLessThanOrEqualTo(2);
    }

    /** A server left on NIO while Lettuce found epoll: its loops cannot hold Lettuce's sockets, decisions still come. */
    @Test
    void aLoopOfAnotherTransportThanLettucesStillGetsExactDecisions() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.lettuce.core.resource.Transports.socketChannelClass()
                == io.netty.channel.epoll.EpollSocketChannel.class, "Lettuce uses NIO here: nothing to mismatch");
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (RedisRateLimiter other = new RedisRateLimiter(redis.url(), "mismatch:", Duration.ofSeconds(5))) {
            RateLimitPolicy policy = new RateLimitPolicy(5, Duration.ofSeconds(60));
            List<CompletableFuture<RateLimitDecision>> decisions = nio.next().submit(() -> {
                List<CompletableFuture<RateLimitDecision>> asked = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    asked.add(other.acquire("nio-key", policy).toCompletableFuture());
                }
                return asked;
            }).get(5, TimeUnit.SECONDS);
            long allowed = 0;
            for (CompletableFuture<RateLimitDecision> decision : decisions) {
                allowed += decision.get(10, TimeUnit.SECONDS).allowed() ? 1 : 0;
            }

            assertThat(allowed).isEqualTo(5);
            assertThat(adminConnection.sync().zcard("mismatch:{nio-key}")).as("decided in Redis").isEqualTo(5);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * A per-key limit changes while requests are in flight (a PATCH reaching the nodes one by one): requests for one
     * bucket under two policies are never decided under the other's limit, and still in arrival order.
     */
    @Test
    void decidesOneBucketUnderTwoPoliciesEachByItsOwnLimitInArrivalOrder() throws Exception {
        RateLimitPolicy five = new RateLimitPolicy(5, Duration.ofSeconds(60));
        RateLimitPolicy ten = new RateLimitPolicy(10, Duration.ofSeconds(60));
        EventLoop loop = loops.next();
        loop.submit(() -> limiter.acquire("warm-up-2", five)).get(5, TimeUnit.SECONDS).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        List<CompletableFuture<RateLimitDecision>> decisions = loop.submit(() -> {
            List<CompletableFuture<RateLimitDecision>> asked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                asked.add(limiter.acquire("changing-key", i % 2 == 0 ? five : ten).toCompletableFuture());
            }
            return asked;
        }).get(5, TimeUnit.SECONDS);
        List<Boolean> allowed = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        for (CompletableFuture<RateLimitDecision> decision : decisions) {
            RateLimitDecision answer = decision.get(5, TimeUnit.SECONDS);
            allowed.add(answer.allowed());
            limits.add(answer.limit());
        }

        // Counted so far before each request: admitted while below that request's own limit.
        assertThat(allowed).containsExactly(true, true, true, true, true, true, false, true, false, true,
                false, true, false, true, false, false, false, false, false, false);
        assertThat(limits).containsExactly(5, 10, 5, 10, 5, 10, 5, 10, 5, 10, 5, 10, 5, 10, 5, 10, 5, 10, 5, 10);
        assertThat(adminConnection.sync().zcard("coalesce:{changing-key}")).isEqualTo(10);
    }

    /** EVALSHA and EVAL calls the server has run so far. */
    private static long scriptCalls() {
        long calls = 0;
        for (String line : adminConnection.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String value = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(value.substring(0, value.indexOf(',')));
            }
        }
        return calls;
    }
}
