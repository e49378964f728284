package com.paperlink.keyadmin.keys;

import com.paperlink.keyadmin.error.ApiException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalises a key's {@code allowedIps}: IPv4/IPv6 addresses and CIDR ranges, at most
 * {@link #MAX_ENTRIES}. Stored comma-separated in canonical form ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}); a CIDR with host bits set is widened to its network, as the gateway does.
 */
public final class AllowedIps {

    public static final int MAX_ENTRIES = 50;
    static final String FIELD = "allowedIps";
    /** Only plain notation: no host names, inet_aton forms (1.2.3), wildcards or ranges. */
    private static final Pattern SHAPE = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowWildcardedSeparator(false)
            .allowPrefixOnly(false).allowMask(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(false).getParentBuilder()
            .toParams();

    private AllowedIps() {
    }

    /** The column value for the given entries; {@code null} (any address) for an empty list. */
    public static String normalise(List<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw ApiException.invalid(FIELD, "allowedIps may hold at most " + MAX_ENTRIES + " entries.");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            canonical.add(canonical(entries.get(i), i));
        }
        return canonical.isEmpty() ? null : String.join(",", canonical);
    }

    /** The stored column as a list for the JSON view; {@code null} when unrestricted. */
    public static List<String> fromColumn(String column) {
        return column == null || column.isBlank() ? null : List.of(column.split(","));
    }

    private static String canonical(String entry, int index) {
        String text = entry == null ? "" : entry.trim();
        IPAddress address = SHAPE.matcher(text).matches() ? new IPAddressString(text, STRICT).getAddress() : null;
        if (address == null) {
            throw ApiException.invalid(FIELD, "allowedIps[" + index + "] is not an IPv4/IPv6 address or CIDR range: "
                    + quote(text) + ".");
        }
        IPAddress block = address.isPrefixed() ? address.toPrefixBlock() : address;
        return block.toCanonicalString();
    }

    private static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return "\"" + shown + "\"";
    }
}
