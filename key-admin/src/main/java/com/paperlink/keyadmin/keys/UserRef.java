package com.paperlink.keyadmin.keys;

import io.micronaut.serde.annotation.Serdeable;

/** A PaperLink user as shown in key and audit JSON: {@code {id, name}}. */
@Serdeable
public record UserRef(String id, String name) {
}
