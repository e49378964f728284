package com.paperlink.gateway;

import com.paperlink.keys.RuntimeSettings;
import com.paperlink.keys.TermSignal;
import io.micronaut.runtime.Micronaut;

public final class GatewayApplication {

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        TermSignal.exitZeroOnTerm();
        Micronaut.build(args)
                .mainClass(GatewayApplication.class)
                .properties(RuntimeSettings.fromEnvironment(System.getenv()))
                .banner(false)
                .start();
    }
}
