package com.paperlink.keys.web;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of a service whose forwarding headers are believed: addresses or CIDR ranges
 * from configuration ({@code gateway.trusted-proxies}, {@code key-admin.trusted-proxies}). Empty by
 * default, so out of the box no header a client sends is taken for a proxy's word.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<IPAddress> ranges;

    private TrustedProxies(List<IPAddress> ranges) {
        this.ranges = ranges;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @param entries addresses or CIDRs ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}); null means none
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies of(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        List<IPAddress> ranges = new ArrayList<>();
        for (String entry : entries) {
            IPAddress address = entry == null || entry.isBlank() ? null : new IPAddressString(entry.trim()).getAddress();
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: '" + entry + "'");
            }
            ranges.add(normalise(address).toPrefixBlock());
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(InetAddress peer) {
        if (ranges.isEmpty() || peer == null) {
            return false;
        }
        IPAddress address = normalise(new IPAddressString(peer.getHostAddress()).getAddress());
        for (IPAddress range : ranges) {
            if (range.getIPVersion() == address.getIPVersion() && range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    // ::ffff:10.0.0.1 is 10.0.0.1, and a zone (fe80::1%eth0) names an interface, not another host.
    private static IPAddress normalise(IPAddress address) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address();
        }
        return address.isIPv6() ? address.toIPv6().removeZone() : address;
    }
}
