package com.paperlink.keyadmin;

import com.paperlink.keys.RuntimeSettings;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "PaperLink key-admin", version = "1",
        description = "Create, list, change and revoke a team's API keys. Authenticate with the PaperLink app's JWT "
                + "(HS256) as a team OWNER or ADMIN. Every error is {\"error\":{\"code\",\"message\",\"requestId\"}}."))
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class KeyAdminApplication {

    private KeyAdminApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(KeyAdminApplication.class)
                .properties(RuntimeSettings.fromEnvironment(System.getenv()))
                .banner(false)
                .start();
    }
}
