package com.paperlink.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver =
            new ClientAddressResolver(List.of("10.0.0.0/8", "127.0.0.1", "2001:db8::/32"));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' → client {2}, chain {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // untrusted peer: the header is the client's invention and ignored
            "203.0.113.9 | 198.51.100.1            | 203.0.113.9  | 203.0.113.9",
            "203.0.113.9 | NULL                    | 203.0.113.9  | 203.0.113.9",
            // trusted peer: right-most entry that is not a trusted proxy
            "127.0.0.1   | 198.51.100.1            | 198.51.100.1 | 198.51.100.1 127.0.0.1",
            "10.1.2.3    | 6.6.6.6, 198.51.100.1, 10.9.9.9 | 198.51.100.1 | 198.51.100.1 10.9.9.9 10.1.2.3",
            "127.0.0.1   | 198.51.100.1:4711       | 198.51.100.1 | 198.51.100.1 127.0.0.1",
            "127.0.0.1   | [2001:db9::1]:443       | 2001:db9::1  | 2001:db9::1 127.0.0.1",
            "127.0.0.1   | 2001:db9::1, 2001:db8::5 | 2001:db9::1 | 2001:db9::1 2001:db8::5 127.0.0.1",
            // only trusted hops: the left-most of them
            "127.0.0.1   | 10.0.0.7                | 10.0.0.7     | 10.0.0.7 127.0.0.1",
            "127.0.0.1   | NULL                    | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | ''                      | 127.0.0.1    | 127.0.0.1",
            // garbage stops the walk at the last trusted hop: never an address the client chose
            "127.0.0.1   | 198.51.100.1, unknown   | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | 198.51.100.1, 10.0.0.2, garbage!, 10.0.0.3 | 10.0.0.3 | 10.0.0.3 127.0.0.1",
            "127.0.0.1   | 1                       | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | 10.1                    | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | 198.51.100.0/24         | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | *                       | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | 999.1.1.1               | 127.0.0.1    | 127.0.0.1",
            "127.0.0.1   | '198.51.100.1,'         | 127.0.0.1    | 127.0.0.1",
            // IPv4-mapped IPv6 peers count as their IPv4 address
            "::ffff:127.0.0.1 | 198.51.100.1       | 198.51.100.1 | 198.51.100.1 127.0.0.1"})
    void resolvesTheClientAddress(String peer, String forwarded, String client, String chain) throws Exception {
        ClientAddressResolver.Resolution resolution = resolver.resolve(InetAddress.getByName(peer),
                forwarded == null ? List.of() : List.of(forwarded));

        assertThat(resolution.client()).isEqualTo(InetAddress.getByName(client));
        assertThat(resolution.forwardedChain()).containsExactlyElementsOf(Arrays.asList(chain.split(" ")));
    }

    @ParameterizedTest(name = "no trusted proxies: peer {0} is the client ({1}) whatever X-Forwarded-For says")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9      | 203.0.113.9",
            "127.0.0.1        | 127.0.0.1",
            "::1              | ::1",
            "::ffff:10.0.0.1  | 10.0.0.1",
            "2001:db8:0:0::7  | 2001:db8::7"})
    void withoutTrustedProxiesThePeerIsTheClient(String peer, String canonical) throws Exception {
        ClientAddressResolver none = new ClientAddressResolver(List.of());

        ClientAddressResolver.Resolution resolution = none.resolve(InetAddress.getByName(peer),
                List.of("198.51.100.1, 6.6.6.6"));

        assertThat(resolution.client()).isEqualTo(InetAddress.getByName(canonical));
        assertThat(resolution.forwardedChain()).containsExactly(canonical);
    }

    @Test
    void readsSeveralForwardedForHeadersAsOneList() throws Exception {
        ClientAddressResolver.Resolution resolution = resolver.resolve(InetAddress.getByName("127.0.0.1"),
                List.of("198.51.100.1", "10.0.0.1"));

        assertThat(resolution.client()).isEqualTo(InetAddress.getByName("198.51.100.1"));
    }

    @Test
    void withoutTrustedProxiesAlwaysUsesTheSocketPeer() throws Exception {
        ClientAddressResolver none = new ClientAddressResolver(List.of());

        assertThat(none.resolve(InetAddress.getByName("127.0.0.1"), List.of("198.51.100.1")).client())
                .isEqualTo(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void refusesATrustedProxyEntryThatIsNoAddressAndNamesIt() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/8", "proxy.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.example");
    }
}
