package io.timeflow.platform.security.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.KeyWrap;
import io.timeflow.platform.crypto.SecretCipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API keys issued by one installation authenticate on another that restored its backup: digests name
 * the key they were made with, and the ring that holds that key (or only its digest key, once it is
 * retired) checks them; digests made before key ids are tried with every key.
 */
class ApiKeyDigestRingTest {

    static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void aKeyDigestedByAnotherInstallationMatchesOnceTheRingHoldsItsKey() {
        byte[] keyOfA = key();
        byte[] keyOfB = key();
        String secret = ApiKeyFormat.secretOf(ApiKeyFormat.newKey(UUID.randomUUID()));
        ApiKeyDigest.Digest onA = new ApiKeyDigest(keyOfA).digest(secret);
        assertThat(onA.keyId()).isEqualTo(KeyRing.idOf(keyOfA));

        ApiKeyDigest b = new ApiKeyDigest(keyOfB);
        assertThat(b.matches(secret, onA.hex(), onA.keyId())).isFalse();

        KeyRing ring = DataKeyTable.ring(keyOfB, List.of(), List.of(new DataKeyTable.Row(KeyRing.idOf(keyOfA),
                KeyRing.State.RETAINED, KeyWrap.wrap(keyOfB, KeyRing.idOf(keyOfA), KeyWrap.Kind.DATA_KEY, keyOfA),
                KeyRing.idOf(keyOfB), "restore", Instant.now(), null, null, null, null, null)));
        ApiKeyDigest withRing = new ApiKeyDigest(SecretCipher.withRing(keyOfB, ring));
        assertThat(withRing.matches(secret, onA.hex(), onA.keyId())).isTrue();
        assertThat(withRing.matches(secret + "x", onA.hex(), onA.keyId())).isFalse();
        assertThat(withRing.matches(secret, onA.hex())).as("a digest without its key id").isTrue();
        assertThat(withRing.digest(secret).keyId()).as("new digests use the active key").isEqualTo(KeyRing.idOf(keyOfB));
    }

    @Test
    void aRetiredKeysDigestKeyAloneStillChecksTheKeysMadeWithIt() {
        byte[] retired = key();
        byte[] installation = key();
        String secret = ApiKeyFormat.secretOf(ApiKeyFormat.newKey(UUID.randomUUID()));
        ApiKeyDigest.Digest d = new ApiKeyDigest(retired).digest(secret);
        KeyRing ring = DataKeyTable.ring(installation, List.of(), List.of(new DataKeyTable.Row(KeyRing.idOf(retired),
                KeyRing.State.DIGEST_ONLY, KeyWrap.wrap(installation, KeyRing.idOf(retired), KeyWrap.Kind.DIGEST_KEY,
                        KeyRing.digestKeyOf(retired)), KeyRing.idOf(installation), "rotation", Instant.now(), null, null,
                null, null, null)));
        assertThat(new ApiKeyDigest(SecretCipher.withRing(installation, ring)).matches(secret, d.hex(), d.keyId())).isTrue();
    }
}
