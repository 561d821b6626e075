package io.timeflow.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts sensitive values at rest with the suite's data-encryption key (AES-256-GCM), one
 * mechanism for every service. The key comes from {@code timeflow.encryption.key} (base64 of 32
 * random bytes; {@code TIMEFLOW_ENCRYPTION_KEY} in the environment, a Kubernetes Secret in the
 * chart) and never from the repository. A sealed value reads
 * {@code tfenc:v1:<key fingerprint>:<base64 of nonce, ciphertext and tag>}; the fingerprint lets a
 * restore tell which key a value needs. {@code aad} binds a value to where it belongs (e.g. the
 * object id and field path) so a sealed value cannot be moved to another field.
 */
@ApplicationScoped
public class SecretCipher {

    public static final String PREFIX = "tfenc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKey> key;
    private final String fingerprint;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretCipher(@ConfigProperty(name = "timeflow.encryption.key") Optional<String> encodedKey) {
        this.key = encodedKey.filter(k -> !k.isBlank()).map(SecretCipher::decodeKey);
        this.fingerprint = key.map(k -> fingerprint(k.getEncoded())).orElse(null);
    }

    /** A cipher over an explicit key (for tools such as backup and restore that handle several keys). */
    public static SecretCipher of(byte[] rawKey) {
        return new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(rawKey)));
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** First 16 hex digits of the SHA-256 of the key: names the key without revealing it. */
    public String keyFingerprint() {
        requireKey();
        return fingerprint;
    }

    /** The raw key, for backup-service alone (it wraps it into archives with the archive key). */
    public byte[] rawKey() {
        return requireKey().getEncoded();
    }

    public String seal(String plaintext, String aad) {
        SecretKey k = requireKey();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return PREFIX + fingerprint + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a sensitive value", e);
        }
    }

    public String open(String sealedValue, String aad) {
        SecretKey k = requireKey();
        if (!isSealed(sealedValue)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        String rest = sealedValue.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String keyId = rest.substring(0, colon);
        if (!keyId.equals(fingerprint)) {
            throw new IllegalStateException("value was sealed with key " + keyId + ", the configured key is " + fingerprint);
        }
        byte[] all = Base64.getDecoder().decode(rest.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sensitive value cannot be decrypted (wrong key or tampered)", e);
        }
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public static String fingerprint(byte[] rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new random key, base64-encoded, as the launcher writes it into its data directory. */
    public static String newEncodedKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private SecretKey requireKey() {
        return key.orElseThrow(() -> new IllegalStateException(
                "no data-encryption key: set timeflow.encryption.key (TIMEFLOW_ENCRYPTION_KEY) to 32 random bytes in base64"));
    }

    private static SecretKey decodeKey(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("timeflow.encryption.key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("timeflow.encryption.key must be 32 bytes (AES-256), it has " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
