package com.paperlink.keyadmin.security;

/** The signed-in PaperLink user acting on a team's keys: JWT {@code sub} and {@code name}. */
public record Caller(String id, String name) {
}
