package com.paperlink.keyadmin.audit;

/** What happened to a key; the lower-case name is stored and shown. */
public enum AuditAction {
    CREATED, RENAMED, UPDATED, REVOKED, ROLLED, DISABLED, ENABLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
