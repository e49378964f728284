package com.paperlink.keyadmin.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.paperlink.keyadmin.Api;
import com.paperlink.keyadmin.KeyAdminTest;
import com.paperlink.keyadmin.TestJwt;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Nothing key-admin logs while serving contains a raw API key or a JWT. */
@MicronautTest(transactional = false)
class NoSecretsInLogsTest extends KeyAdminTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    void capture() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterAll
    void release() {
        root.detachAppender(captured);
    }

    @Test
    void logsHoldNeitherTokensNorJwts() {
        String team = "team-logs";
        String jwt = TestJwt.owner("u-logs", team);
        Api.Reply created = api.create(team, jwt, "logged?");
        String token = created.get("token");
        api.patch(Api.keys(team) + "/" + created.get("id"), jwt, "{\"allowedIps\":[\"192.0.2.1\"]}");
        api.revoke(team, created.get("id"), jwt);
        api.get(Api.keys(team), TestJwt.expired("u-logs", Map.of(team, "OWNER")));
        api.post(Api.keys(team), jwt, "{\"name\":\"" + token + "\",\"mode\":\"nope\",\"scope\":\"read_only\"}");

        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).doesNotContain(token.substring(8), jwt.substring(jwt.indexOf('.') + 1));
        }
    }
}
