package com.paperlink.keyadmin;

import com.paperlink.keys.RuntimeSettings;
import com.paperlink.keys.TermSignal;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(servers = @Server(url = "/", description = "This key-admin (relative to where the document is served)"),
        info = @Info(title = "PaperLink key-admin", version = "1",
        description = "Create, list, change and revoke a team's API keys. Authenticate with the PaperLink app's JWT "
                + "(HS256) as a team OWNER or ADMIN. Every error is {\"error\":{\"code\",\"message\",\"requestId\"}}."))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The PaperLink app's JWT, signed HS256 with the secret it shares with key-admin "
                + "(KEY_ADMIN_JWT_SECRET). Claims: `sub` (user id, required), `name` (display name), `teams` "
                + "(object: team id → OWNER, ADMIN, MANAGER or MEMBER), `exp` (required), `nbf` and `iat` (optional, "
                + "honoured). Times allow a clock skew of `key-admin.jwt.clock-skew` (default 60 s): `exp` must not "
                + "have passed, `nbf` must have been reached, and an `iat` in the future is refused. `exp − iat` may "
                + "not exceed `key-admin.jwt.max-lifetime` (default 24 h; without `iat`, the time from now to `exp`). "
                + "When KEY_ADMIN_JWT_ISSUER (`key-admin.jwt.issuer`) is set, `iss` must equal it; when "
                + "KEY_ADMIN_JWT_AUDIENCE (`key-admin.jwt.audience`) is set, `aud` (a string or an array) must contain "
                + "it. Any failure is 401 `unauthorized`; for a correctly signed token the message names the claim.")
public final class KeyAdminApplication {

    private KeyAdminApplication() {
    }

    public static void main(String[] args) {
        TermSignal.exitZeroOnTerm();
        Micronaut.build(args)
                .mainClass(KeyAdminApplication.class)
                .properties(RuntimeSettings.fromEnvironment(System.getenv()))
                .banner(false)
                .start();
    }
}
