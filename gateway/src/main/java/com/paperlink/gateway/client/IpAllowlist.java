package com.paperlink.gateway.client;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's {@code allowedIps}: addresses and CIDR ranges, IPv4 and IPv6. Parsed once when the key is
 * loaded, so the per-request check is a few comparisons. IPv4-mapped IPv6 peers match IPv4 entries.
 */
public final class IpAllowlist {

    /** No restriction. */
    public static final IpAllowlist ANY = new IpAllowlist(List.of());

    private final List<IPAddress> ranges;

    private IpAllowlist(List<IPAddress> ranges) {
        this.ranges = ranges;
    }

    /**
     * @param entries addresses or CIDRs as stored by key-admin; {@code null} or empty means {@link #ANY}
     * @throws IllegalArgumentException naming the first entry that is not an address or CIDR
     */
    public static IpAllowlist of(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return ANY;
        }
        List<IPAddress> ranges = new ArrayList<>(entries.size());
        for (String entry : entries) {
            IPAddress address = new IPAddressString(entry.trim()).getAddress();
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + entry);
            }
            ranges.add(address.toPrefixBlock());
        }
        return new IpAllowlist(List.copyOf(ranges));
    }

    /** Parses the comma-separated column value ({@code api_key.allowed_ips}). */
    public static IpAllowlist parseColumn(String column) {
        if (column == null || column.isBlank()) {
            return ANY;
        }
        return of(List.of(column.split(",")));
    }

    public boolean isUnrestricted() {
        return ranges.isEmpty();
    }

    public boolean allows(InetAddress client) {
        if (ranges.isEmpty()) {
            return true;
        }
        IPAddress address = new IPAddressString(client.getHostAddress()).getAddress();
        if (address == null) {
            return false;
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            address = address.toIPv6().getEmbeddedIPv4Address();
        }
        for (IPAddress range : ranges) {
            if (range.getIPVersion() == address.getIPVersion() && range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
