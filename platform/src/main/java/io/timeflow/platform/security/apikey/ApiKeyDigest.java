package io.timeflow.platform.security.apikey;

import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only form in which an API key's secret is kept: HMAC-SHA256 under a digest key derived from a
 * data-encryption key of the ring (itself an HMAC of a fixed label), so a copy of the key table, an
 * event or a backup without its keys cannot be used to test guesses. A digest is made with the
 * active key and stored with that key's id, so keys issued by another installation whose backup was
 * restored here, or before a rotation, keep working: the ring holds the key (or, once the key is
 * retired, its digest key alone) under the same id.
 */
@ApplicationScoped
public class ApiKeyDigest {

    /** A digest and the id of the key it was made with. */
    public record Digest(String keyId, String hex) {
    }

    private final Supplier<KeyRing> ring;
    private final Runnable reload;

    @Inject
    public ApiKeyDigest(SecretCipher cipher) {
        this.ring = cipher::ring;
        this.reload = cipher::reload;
    }

    ApiKeyDigest(byte[] dataEncryptionKey) {
        KeyRing fixed = dataEncryptionKey == null ? KeyRing.empty() : KeyRing.of(dataEncryptionKey);
        this.ring = () -> fixed;
        this.reload = () -> { };
    }

    /** Whether keys can be checked at all (a data-encryption key is configured). */
    public boolean available() {
        return ring.get().configured();
    }

    /** The digest of the secret part of a key, with the active key. */
    public Digest digest(String secret) {
        KeyRing r = ring.get();
        if (!r.configured()) {
            throw new IllegalStateException("API keys need the data-encryption key (timeflow.encryption.key)");
        }
        return new Digest(r.activeId(), hex(r.active().digestKey(), secret));
    }

    /** Hex HMAC of the secret part of a key, with the active key. */
    public String of(String secret) {
        return digest(secret).hex();
    }

    /**
     * Whether {@code secret} has the given digest, made with key {@code keyId}; compared in constant
     * time. A digest without a key id (made before digests named their key) is tried with every key of
     * the ring.
     */
    public boolean matches(String secret, String digest, String keyId) {
        if (keyId == null) {
            return matches(secret, digest);
        }
        Optional<byte[]> key = ring.get().digestKey(keyId);
        if (key.isEmpty()) {
            reload.run();
            key = ring.get().digestKey(keyId);
        }
        return key.isPresent() && same(hex(key.get(), secret), digest);
    }

    /** Whether {@code secret} has the given digest under any key of the ring (digests made before key ids). */
    public boolean matches(String secret, String digest) {
        boolean any = false;
        for (KeyRing.Entry e : ring.get().entries()) {
            if (e.digestKey() != null) {
                any |= same(hex(e.digestKey(), secret), digest);
            }
        }
        return any;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(byte[] digestKey, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
