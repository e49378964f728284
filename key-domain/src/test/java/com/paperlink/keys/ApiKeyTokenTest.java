package com.paperlink.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyTokenTest {

    // Vectors computed independently with Python's zlib.crc32 and a base62 encoder.
    @ParameterizedTest
    @CsvSource({
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA, 1loSvR",
        "pk_test_0123456789abcdefghijABCDEFGHIJ, 2AUuC4",
        "pk_live_000000000000000000000000000000, 0hLQIq",
    })
    void checksumIsBase62Crc32OfEverythingBeforeIt(String body, String expected) {
        assertThat(ApiKeyToken.checksum(body)).isEqualTo(expected);
        assertThat(ApiKeyToken.parse(body + expected)).isPresent();
    }

    @Test
    void generatedTokensMatchThePublishedPatternAndParse() {
        Pattern pattern = Pattern.compile("^pk_(live|test)_[0-9A-Za-z]{36}$");
        for (KeyMode mode : KeyMode.values()) {
            for (int i = 0; i < 200; i++) {
                ApiKeyToken token = ApiKeyToken.generate(mode);
                assertThat(token.reveal()).matches(pattern).startsWith(mode.tokenPrefix());
                assertThat(ApiKeyToken.parse(token.reveal())).contains(token);
                assertThat(ApiKeyToken.parse(token.reveal()).orElseThrow().mode()).isEqualTo(mode);
            }
        }
    }

    @Test
    void displayPrefixIsModePrefixPlusFourRandomCharacters() {
        ApiKeyToken token = ApiKeyToken.parse("pk_test_0123456789abcdefghijABCDEFGHIJ2AUuC4").orElseThrow();
        assertThat(token.displayPrefix()).isEqualTo("pk_test_0123");
        assertThat(token.mode()).isEqualTo(KeyMode.TEST);
    }

    @Test
    void toStringNeverRevealsTheSecret() {
        ApiKeyToken token = ApiKeyToken.generate(KeyMode.LIVE, new Random(7));
        assertThat(token.toString()).doesNotContain(token.reveal()).startsWith(token.displayPrefix());
    }

    @Test
    void hashIsSha256HexOfTheToken() {
        // sha256("pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR") computed with sha256sum.
        ApiKeyToken token = ApiKeyToken.parse("pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR").orElseThrow();
        assertThat(token.hash()).isEqualTo(TokenHash.sha256Hex(token.reveal())).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(token.hash()).isEqualTo(SHA_OF_VECTOR);
    }

    static final String SHA_OF_VECTOR = "b0a69ae5fa5bc68388631d67356f437ffed8dd51f1f988330b0ba1441b0fe589";

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvr",   // checksum case changed
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAB1loSvR",   // one random character changed
        "pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR",   // mode changed: checksum covers the prefix
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSv",    // truncated
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvRx",  // too long
        "sk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR",   // wrong prefix
        "pk_prod_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR",   // unknown mode
        "PK_LIVE_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSvR",   // prefix is case-sensitive
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAA-1loSvR",   // non-base62 character
        "pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAÄ1loSvR",   // non-ASCII character
        " pk_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1loSv",   // leading space
        "pk_live_",
    })
    void rejectsMalformedOrChecksumFailingTokens(String candidate) {
        assertThat(ApiKeyToken.parse(candidate)).isEmpty();
    }

    @Test
    void rejectsRandomGuessesAlmostAlways() {
        Random random = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            String guess = "pk_live_" + Base62.random(random, 36);
            if (ApiKeyToken.parse(guess).isPresent()) {
                accepted++;
            }
        }
        // 62^6 / 2^32 ≈ 13: a random guess passes the checksum with p ≈ 1/2^32 per try.
        assertThat(accepted).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"0, 6, 000000", "61, 2, 0z", "62, 2, 10", "4294967295, 6, 4gfFC3"})
    void base62EncodesMostSignificantDigitFirstWithZeroPadding(long value, int width, String expected) {
        assertThat(Base62.encode(value, width)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"000000, 0", "0z, 61", "10, 62", "4gfFC3, 4294967295", "zzzzzz, 56800235583"})
    void base62DecodesWhatItEncodes(String digits, long expected) {
        assertThat(Base62.decode("x" + digits + "y", 1, digits.length() + 1)).isEqualTo(expected);
        assertThat(Base62.encode(expected, digits.length())).isEqualTo(digits);
    }

    @Test
    void base62DecodeRefusesWhatIsNotADigit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Base62.decode("ab_c", 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
