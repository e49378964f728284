package com.paperlink.gateway.auth;

import com.paperlink.gateway.client.IpAllowlist;
import com.paperlink.keys.KeyMode;
import com.paperlink.keys.KeyScope;
import com.paperlink.keys.RouteScope;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What the pipeline knows about the caller once authenticated. Never holds the raw token.
 *
 * @param id            key id ({@code X-PaperLink-Key-Id})
 * @param teamId        owning team ({@code X-PaperLink-Team-Id})
 * @param mode          picks the live or test upstream
 * @param scope         allowed methods
 * @param allowedIps    where the key may be used from ({@link IpAllowlist#ANY} when unrestricted)
 * @param expiresAt     when the key stops working, if ever
 * @param rateLimitBucket the rate-limit window this key spends (its id, or the one a roll carried over: a rolled
 *                        pair shares one window)
 * @param rateLimit       the key's own limit, or {@code null} for the gateway's default
 * @param prefix        display prefix ({@code pk_live_AbC1}), for the key info answer
 * @param routes        the gateway routes the key may reach ({@link RouteScope#ALL} when unrestricted)
 */
public record AuthenticatedKey(
        String id,
        String teamId,
        KeyMode mode,
        KeyScope scope,
        IpAllowlist allowedIps,
        @Nullable Instant expiresAt,
        String rateLimitBucket,
        @Nullable KeyRateLimit rateLimit,
        String prefix,
        RouteScope routes) {
}
