package com.paperlink.gateway.e2e;

import com.paperlink.gateway.auth.AuthOutcome;
import com.paperlink.gateway.auth.AuthResult;
import com.paperlink.gateway.auth.AuthenticatedKey;
import com.paperlink.gateway.auth.KeyAuthenticator;
import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.gateway.usage.KeyUsageRecorder;
import com.paperlink.keys.ApiKeyToken;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** TEMPORARY stand-in until the lead's authenticator lands on main; deleted at the merge. */
@Singleton
final class InterimKeyAuthenticator implements KeyAuthenticator, KeyUsageRecorder {

    private final String url;
    private final String user;
    private final String password;

    InterimKeyAuthenticator(@Property(name = "datasources.default.url") String url,
                            @Property(name = "datasources.default.username") String user,
                            @Property(name = "datasources.default.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public CompletionStage<AuthResult> authenticate(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return CompletableFuture.completedFuture(AuthResult.rejected(AuthOutcome.MISSING));
        }
        Optional<ApiKeyToken> token = ApiKeyToken.parse(header.substring(7).trim());
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(AuthResult.rejected(AuthOutcome.MALFORMED));
        }
        return CompletableFuture.supplyAsync(() -> lookup(token.get().hash()));
    }

    private AuthResult lookup(String hash) {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement("SELECT * FROM api_key WHERE token_hash = ?")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return AuthResult.rejected(AuthOutcome.UNKNOWN);
                }
                if (r.getTimestamp("revoked_at") != null) {
                    return AuthResult.rejected(AuthOutcome.REVOKED);
                }
                Timestamp expires = r.getTimestamp("expires_at");
                if (expires != null && expires.toInstant().isBefore(Instant.now())) {
                    return AuthResult.rejected(AuthOutcome.EXPIRED);
                }
                String id = r.getString("id");
                return AuthResult.valid(new AuthenticatedKey(id, r.getString("team_id"),
                        KeyMode.fromWire(r.getString("mode")).orElseThrow(),
                        KeyScope.fromWire(r.getString("scope")).orElseThrow(),
                        IpAllowlist.parseColumn(r.getString("allowed_ips")),
                        expires == null ? null : expires.toInstant(), id));
            }
        } catch (Exception e) {
            return AuthResult.rejected(AuthOutcome.UNAVAILABLE);
        }
    }

    @Override
    public void recordUse(String keyId, InetAddress clientAddress) {
    }
}
