package io.timeflow.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key ring's rules (ADR 0090), without a database: every sealed value names its key; a ring that
 * holds another installation's key (as a restore adds it) opens that installation's values; new values
 * are sealed with the active key; the table's keys open only under the installation key that wrapped
 * them; a key the ring lacks is named, never guessed.
 */
class KeyRingTest {

    static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    static DataKeyTable.Row row(String id, KeyRing.State state, String material, String wrappedBy) {
        return new DataKeyTable.Row(id, state, material, wrappedBy, "test", Instant.now(), null, null, null, null, null);
    }

    @Test
    void everySealedValueNamesTheKeyThatSealedIt() {
        byte[] k = key();
        SecretCipher cipher = SecretCipher.of(k);
        String sealed = cipher.seal("sqlcmd -P s3cr3t", "hooks/1");
        assertThat(sealed).startsWith(SecretCipher.PREFIX + KeyRing.idOf(k) + ":").doesNotContain("s3cr3t");
        assertThat(SecretCipher.keyIdOf(sealed)).contains(KeyRing.idOf(k));
        assertThat(cipher.open(sealed, "hooks/1")).isEqualTo("sqlcmd -P s3cr3t");
    }

    @Test
    void aRingHoldingAnotherInstallationsKeyOpensItsValuesAndSealsNewOnesWithItsOwnKey() {
        byte[] keyOfA = key();
        byte[] keyOfB = key();
        String sealedOnA = SecretCipher.of(keyOfA).seal("the hook's password", "staging.dsource/42/hooks");

        KeyRing ringOfB = DataKeyTable.ring(keyOfB, List.of(), List.of(row(KeyRing.idOf(keyOfA), KeyRing.State.RETAINED,
                KeyWrap.wrap(keyOfB, KeyRing.idOf(keyOfA), KeyWrap.Kind.DATA_KEY, keyOfA), KeyRing.idOf(keyOfB))));
        SecretCipher b = SecretCipher.withRing(keyOfB, ringOfB);

        assertThat(b.open(sealedOnA, "staging.dsource/42/hooks")).isEqualTo("the hook's password");
        assertThat(b.keyFingerprint()).isEqualTo(KeyRing.idOf(keyOfB));
        assertThat(SecretCipher.keyIdOf(b.seal("new", "x"))).contains(KeyRing.idOf(keyOfB));
        assertThat(SecretCipher.keyIdOf(b.reseal(sealedOnA, "staging.dsource/42/hooks"))).contains(KeyRing.idOf(keyOfB));
        assertThatThrownBy(() -> SecretCipher.of(keyOfB).open(sealedOnA, "staging.dsource/42/hooks"))
                .hasMessageContaining("data-encryption key " + KeyRing.idOf(keyOfA))
                .hasMessageNotContaining("password");
    }

    @Test
    void theActiveKeyOfTheTableSealsNewValuesAndTheInstallationKeyStillOpensItsOwn() {
        byte[] installation = key();
        byte[] rotated = key();
        String old = SecretCipher.of(installation).seal("old", "a");
        KeyRing ring = DataKeyTable.ring(installation, List.of(), List.of(
                row(KeyRing.idOf(installation), KeyRing.State.RETIRING, null, null),
                row(KeyRing.idOf(rotated), KeyRing.State.ACTIVE,
                        KeyWrap.wrap(installation, KeyRing.idOf(rotated), KeyWrap.Kind.DATA_KEY, rotated),
                        KeyRing.idOf(installation))));
        SecretCipher c = SecretCipher.withRing(installation, ring);
        assertThat(ring.activeId()).isEqualTo(KeyRing.idOf(rotated));
        assertThat(ring.retiring()).containsExactly(KeyRing.idOf(installation));
        assertThat(SecretCipher.keyIdOf(c.seal("new", "a"))).contains(KeyRing.idOf(rotated));
        assertThat(c.open(old, "a")).isEqualTo("old");
    }

    @Test
    void aTableKeyOpensOnlyUnderTheInstallationKeyThatWrappedIt() {
        byte[] installation = key();
        byte[] other = key();
        byte[] k = key();
        String wrappedByOther = KeyWrap.wrap(other, KeyRing.idOf(k), KeyWrap.Kind.DATA_KEY, k);
        KeyRing ring = DataKeyTable.ring(installation, List.of(),
                List.of(row(KeyRing.idOf(k), KeyRing.State.RETAINED, wrappedByOther, KeyRing.idOf(other))));
        assertThat(ring.dataKey(KeyRing.idOf(k))).isEmpty();
        // the operator lists the old installation key: the row opens again
        KeyRing withPrevious = DataKeyTable.ring(installation, List.of(other),
                List.of(row(KeyRing.idOf(k), KeyRing.State.RETAINED, wrappedByOther, KeyRing.idOf(other))));
        assertThat(withPrevious.dataKey(KeyRing.idOf(k))).isPresent();
        assertThat(withPrevious.retiring()).containsExactly(KeyRing.idOf(other));
        // material moved to another key id is refused: the wrap is bound to the id
        assertThat(KeyWrap.unwrap(installation, "0000000000000000", KeyWrap.Kind.DATA_KEY,
                KeyWrap.wrap(installation, KeyRing.idOf(k), KeyWrap.Kind.DATA_KEY, k))).isNull();
    }

    @Test
    void aRetiredKeyKeptForItsApiKeysOpensNoValue() {
        byte[] installation = key();
        byte[] retired = key();
        String sealed = SecretCipher.of(retired).seal("x", "a");
        KeyRing ring = DataKeyTable.ring(installation, List.of(), List.of(row(KeyRing.idOf(retired), KeyRing.State.DIGEST_ONLY,
                KeyWrap.wrap(installation, KeyRing.idOf(retired), KeyWrap.Kind.DIGEST_KEY, KeyRing.digestKeyOf(retired)),
                KeyRing.idOf(installation))));
        assertThat(ring.digestKey(KeyRing.idOf(retired))).contains(KeyRing.digestKeyOf(retired));
        assertThat(ring.dataKey(KeyRing.idOf(retired))).isEmpty();
        assertThatThrownBy(() -> SecretCipher.withRing(installation, ring).open(sealed, "a"))
                .hasMessageContaining(KeyRing.idOf(retired));
    }
}
