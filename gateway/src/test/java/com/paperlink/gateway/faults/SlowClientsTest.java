package com.paperlink.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.paperlink.gateway.testing.TestKeys;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.testing.MisbehavingUpstream;
import com.paperlink.keys.testing.RawHttp;
import com.paperlink.keys.testing.TestDatabase;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris: hundreds of connections that start a request and never finish it. The gateway keeps
 * answering everyone else, and closes the silent ones once the idle timeout (2 s here) passes.
 */
@Timeout(90)
class SlowClientsTest {

    private static final int SLOW = 200;

    private static TestDatabase database;
    private static MisbehavingUpstream upstream;
    private static FaultGateway gateway;
    private static TestKeys.Created key;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("slowclients");
        upstream = MisbehavingUpstream.start();
        Map<String, Object> props = FaultGateway.baseProperties("slowclients", database.properties(), upstream.url(),
                upstream.url());
        props.put("micronaut.server.idle-timeout", "2s");
        props.put("micronaut.server.read-idle-timeout", "2s");
        gateway = FaultGateway.start(props);
        key = new TestKeys(database::connect).create("team_a", KeyMode.LIVE, KeyScope.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
        database.close();
    }

    @Test
    void silentHalfRequestsAreClosedByTheIdleTimeoutAndDoNotStarveOthers() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 15_000);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW; i++) {
                slow.add(http.openPartial("GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(gateway.get("/api/v1/products", key.bearer()).statusCode()).as("others are served").isEqualTo(200);
            }
            int closed = 0;
            for (Socket socket : slow) {
                closed += RawHttp.closedByServer(socket) ? 1 : 0; // waits up to the 15 s read timeout each
            }
            assertThat(closed).as("silent connections closed by the server").isEqualTo(SLOW);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void dribblingHeadersDoNotStarveOthers() throws Exception {
        RawHttp http = new RawHttp(gateway.port(), 15_000);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW; i++) {
                slow.add(http.openPartial("GET /api/v1/products HTTP/1.1\r\nHost: x\r\n"));
            }
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) {
                    if (!socket.isClosed()) {
                        try {
                            OutputStream out = socket.getOutputStream();
                            out.write(("X-Drip-" + round + ": 1\r\n").getBytes());
                            out.flush();
                        } catch (java.io.IOException closedByServer) {
                            socket.close();
                        }
                    }
                }
                assertThat(gateway.get("/api/v1/products", key.bearer()).statusCode()).isEqualTo(200);
                Thread.sleep(500);
            }
            assertThat(gateway.health()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }
}
