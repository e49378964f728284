package com.paperlink.keyadmin.security;

import com.paperlink.keyadmin.error.ApiException;
import com.paperlink.keyadmin.error.ErrorCode;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Decides whether the authenticated user may manage one team's keys. A team the user is not in
 * answers 404 (its existence is none of their business); a member without OWNER/ADMIN gets 403.
 */
@Singleton
public final class TeamAccess {

    static final String TEAMS_CLAIM = "teams";
    static final String NAME_CLAIM = "name";

    /** The caller, if they are OWNER or ADMIN of {@code teamId}; otherwise throws 404 or 403. */
    public Caller requireKeyAdmin(Authentication authentication, String teamId) {
        Object teams = authentication.getAttributes().get(TEAMS_CLAIM);
        Object claim = teams instanceof Map<?, ?> map ? map.get(teamId) : null;
        if (claim == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Team not found.");
        }
        boolean allowed = TeamRole.parse(claim).map(TeamRole::mayManageKeys).orElse(false);
        if (!allowed) {
            throw new ApiException(ErrorCode.FORBIDDEN);
        }
        return caller(authentication);
    }

    static Caller caller(Authentication authentication) {
        Object name = authentication.getAttributes().get(NAME_CLAIM);
        String display = name instanceof String text && !text.isBlank() ? text : authentication.getName();
        return new Caller(truncate(authentication.getName()), truncate(display));
    }

    /** The columns hold 200 characters; a longer display name is shortened, not rejected. */
    private static String truncate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200);
    }
}
