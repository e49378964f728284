package com.paperlink.keyadmin.leaks;

import com.paperlink.keyadmin.audit.AuditAction;
import com.paperlink.keyadmin.audit.AuditLog;
import com.paperlink.keyadmin.events.KeyEventPublisher;
import com.paperlink.keyadmin.keys.ApiKeyRepository;
import com.paperlink.keyadmin.keys.ApiKeyRow;
import com.paperlink.keyadmin.security.Caller;
import com.paperlink.keys.ApiKeyToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a verified leak report: each token that passes the checksum and belongs to a key (by SHA-256) is
 * revoked at once, by "Leak report from &lt;source&gt;", with an audit entry naming where it was found; gateways
 * are told after the commit. A key already revoked is left as it is, so a replayed report changes nothing.
 * Tokens are never logged; the log names the key id.
 */
@Singleton
final class LeakReports {

    static final String ACTOR_ID = "leak-report";
    private static final Logger LOG = LoggerFactory.getLogger(LeakReports.class);
    private static final int MAX_SOURCE = 100;
    private static final int MAX_URL = 2000;

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final KeyEventPublisher events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    LeakReports(ApiKeyRepository keys, AuditLog audit, KeyEventPublisher events,
                TransactionOperations<Connection> transactions, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    List<LeakLabel> handle(List<LeakReport> reports) {
        List<LeakLabel> labels = new ArrayList<>(reports.size());
        Set<String> matched = new LinkedHashSet<>();
        transactions.executeWrite(status -> {
            for (LeakReport report : reports) {
                Optional<ApiKeyRow> key = ApiKeyToken.parse(report.token()).flatMap(token -> keys.findByTokenHash(token.hash()));
                key.ifPresent(row -> {
                    revoke(row, report);
                    matched.add(row.tokenHash());
                });
                labels.add(new LeakLabel(report.token(), report.type(),
                        key.isPresent() ? LeakLabel.TRUE_POSITIVE : LeakLabel.FALSE_POSITIVE));
            }
            return null;
        });
        // After the commit, so a gateway that reloads on the event sees the revocation; also for keys revoked before.
        matched.forEach(events::keyChanged);
        LOG.info("Leak report of {} tokens: {} matched a key", reports.size(), matched.size());
        return labels;
    }

    private void revoke(ApiKeyRow row, LeakReport report) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Caller reporter = new Caller(ACTOR_ID, "Leak report from " + shorten(report.source(), MAX_SOURCE, "an unnamed source"));
        if (keys.revoke(row.id(), now, reporter.id(), reporter.name()) == 1) {
            audit.record(row.teamId(), row.id(), row.name(), AuditAction.REVOKED, reporter, now,
                    "reported leaked at " + shorten(report.url(), MAX_URL, "an unnamed place"));
            LOG.warn("Key {} ({}) of team {} revoked: reported leaked", row.id(), row.prefix(), row.teamId());
        }
    }

    private static String shorten(@Nullable String value, int max, String absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        String clean = value.strip().replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }
}
