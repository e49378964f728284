package com.paperlink.keyadmin;

import com.paperlink.keys.RuntimeSettings;
import io.micronaut.runtime.Micronaut;

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
