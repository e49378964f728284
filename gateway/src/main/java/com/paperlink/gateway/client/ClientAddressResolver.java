package com.paperlink.gateway.client;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who is calling, as SPEC defines it: the socket peer, unless the peer is a trusted proxy
 * ({@code gateway.trusted-proxies}); then the right-most {@code X-Forwarded-For} entry that is not a
 * trusted proxy. Only entries appended by proxies we trust are believed; everything left of the client
 * was written by the client and is ignored. A garbage entry stops the walk: the client is then the last
 * trusted hop, never an address the client could have chosen.
 */
public final class ClientAddressResolver {

    /** Headers longer than this many entries are a client's invention; look no further. */
    private static final int MAX_HOPS = 32;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<IPAddress> trusted;

    /**
     * @param trustedProxies addresses or CIDRs
     * @throws IllegalArgumentException naming the first entry that is not an address or CIDR
     */
    public ClientAddressResolver(List<String> trustedProxies) {
        List<IPAddress> ranges = new ArrayList<>();
        for (String entry : trustedProxies == null ? List.<String>of() : trustedProxies) {
            IPAddress address = new IPAddressString(entry.trim()).getAddress();
            if (entry.isBlank() || address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: '" + entry + "'");
            }
            ranges.add(normalise(address).toPrefixBlock());
        }
        this.trusted = List.copyOf(ranges);
    }

    /**
     * @param peer      the socket peer
     * @param forwarded the {@code X-Forwarded-For} header values in order (possibly empty)
     */
    public Resolution resolve(InetAddress peer, List<String> forwarded) {
        if (trusted.isEmpty() && peer instanceof Inet4Address) {
            // No trusted proxies (the default): the socket peer is the client, and an IPv4 address needs
            // no parsing or normalising (its text form is already canonical).
            return new Resolution(peer, List.of(peer.getHostAddress()));
        }
        IPAddress current = normalise(new IPAddressString(peer.getHostAddress()).getAddress());
        List<String> chain = new ArrayList<>();
        chain.add(current.toCanonicalString());
        if (!isTrusted(current)) {
            return new Resolution(current.toInetAddress(), chain);
        }
        List<String> entries = entries(forwarded);
        for (int i = entries.size() - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
            IPAddress hop = parse(entries.get(i));
            if (hop == null) {
                break;
            }
            current = hop;
            chain.add(0, hop.toCanonicalString());
            if (!isTrusted(hop)) {
                break;
            }
        }
        return new Resolution(current.toInetAddress(), List.copyOf(chain));
    }

    public boolean isTrusted(InetAddress address) {
        return isTrusted(normalise(new IPAddressString(address.getHostAddress()).getAddress()));
    }

    private boolean isTrusted(IPAddress address) {
        for (IPAddress range : trusted) {
            if (range.getIPVersion() == address.getIPVersion() && range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> entries(List<String> headerValues) {
        List<String> entries = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",", -1)) {
                entries.add(part.trim());
            }
        }
        return entries;
    }

    /** An address as proxies write it: {@code 1.2.3.4}, {@code 1.2.3.4:80}, {@code ::1}, {@code [::1]:80}. */
    static IPAddress parse(String entry) {
        String text = entry;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':') && text.indexOf('.') > 0) {
            text = text.substring(0, text.indexOf(':'));
        }
        boolean ipv6 = text.indexOf(':') >= 0;
        if (!ipv6 && !IPV4.matcher(text).matches() || text.indexOf('/') >= 0 || text.indexOf('*') >= 0) {
            return null; // also refuses the inet_aton shorthands ("1", "10.1") the parser would accept
        }
        IPAddressString candidate = new IPAddressString(text);
        IPAddress address = candidate.isIPAddress() ? candidate.getAddress() : null;
        return address == null || address.isMultiple() ? null : normalise(address);
    }

    private static IPAddress normalise(IPAddress address) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return address.toIPv6().getEmbeddedIPv4Address();
        }
        return address.isIPv6() ? address.toIPv6().removeZone() : address;
    }

    /**
     * @param client         the client's address
     * @param forwardedChain the hops we can vouch for, client first, socket peer last: the value to send
     *                       upstream as {@code X-Forwarded-For}
     */
    public record Resolution(InetAddress client, List<String> forwardedChain) {
    }
}
