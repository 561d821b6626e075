package io.timeflow.platform.security.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ADR 0060: how a key is written and the only form in which its secret is kept. */
class ApiKeyFormatTest {

    static final byte[] KEY_A = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY_B = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aNewKeyCarriesItsIdAndA256BitSecret() {
        UUID id = UUID.randomUUID();
        String key = ApiKeyFormat.newKey(id);
        assertThat(key).startsWith("tfk_").hasSize(4 + 32 + 1 + 43);
        ApiKeyFormat.Parsed parsed = ApiKeyFormat.parse(key).orElseThrow();
        assertThat(parsed.keyId()).isEqualTo(id);
        assertThat(parsed.secret()).hasSize(43);
        assertThat(ApiKeyFormat.newKey(id)).isNotEqualTo(key);
    }

    @Test
    void anythingElseIsNotAKey() {
        assertThat(ApiKeyFormat.parse(null)).isEmpty();
        assertThat(ApiKeyFormat.parse("tfk_short")).isEmpty();
        assertThat(ApiKeyFormat.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
        String key = ApiKeyFormat.newKey(UUID.randomUUID());
        assertThat(ApiKeyFormat.parse(key + "x")).isEmpty();
        assertThat(ApiKeyFormat.parse(key.toUpperCase())).isEmpty();
    }

    @Test
    void theDigestIsKeyedByTheDataEncryptionKeySoALeakedTableIsUseless() {
        ApiKeyDigest a = new ApiKeyDigest(KEY_A);
        ApiKeyDigest b = new ApiKeyDigest(KEY_B);
        String secret = ApiKeyFormat.secretOf(ApiKeyFormat.newKey(UUID.randomUUID()));
        assertThat(a.of(secret)).matches("[0-9a-f]{64}").doesNotContain(secret).isEqualTo(a.of(secret));
        assertThat(b.of(secret)).isNotEqualTo(a.of(secret));
        assertThat(a.matches(secret, a.of(secret))).isTrue();
        assertThat(a.matches(secret + "x", a.of(secret))).isFalse();
        assertThat(b.matches(secret, a.of(secret))).isFalse();
    }

    @Test
    void withoutADataEncryptionKeyNoKeyCanBeChecked() {
        assertThat(new ApiKeyDigest((byte[]) null).available()).isFalse();
    }
}
