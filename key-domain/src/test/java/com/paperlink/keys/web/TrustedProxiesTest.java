package com.paperlink.keys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, true",
            "127.0.0.1, true",
            "::ffff:10.9.9.9, true",
            "fd12::1, true",
            "127.0.0.2, false",
            "192.168.1.1, false",
            "::1, false",
    })
    void trustsOnlyListedAddressesAndRanges(String peer, boolean trusted) throws Exception {
        assertThat(PROXIES.contains(InetAddress.getByName(peer))).isEqualTo(trusted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1"})
    void trustsNobodyByDefault(String peer) throws Exception {
        assertThat(TrustedProxies.none().contains(InetAddress.getByName(peer))).isFalse();
        assertThat(TrustedProxies.of(null).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "proxy.example.com", "10.0.0.0/99", "not an address"})
    void refusesAnEntryThatIsNoAddressOrCidr(String entry) {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.1", entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IP address or CIDR");
    }
}
