package com.paperlink.keyadmin;

import io.micronaut.runtime.Micronaut;

public final class KeyAdminApplication {

    private KeyAdminApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(KeyAdminApplication.class).banner(false).start();
    }
}
