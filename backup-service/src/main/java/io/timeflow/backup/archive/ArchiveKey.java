package io.timeflow.backup.archive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that protects an archive: 32 bytes, derived from an operator's passphrase with
 * PBKDF2-HMAC-SHA256 (salt and iteration count stored in the archive header) or supplied as a raw
 * key. Sub-keys for the chunks and for wrapping the suite's data-encryption key are derived from it
 * per archive with HMAC-SHA256, so one key never encrypts two archives with the same nonces.
 */
public final class ArchiveKey {

    /** The lowest iteration count accepted when reading or writing (OWASP's 2023 advice is 600,000). */
    public static final int MIN_ITERATIONS = 100_000;
    public static final int KEY_BYTES = 32;

    private final byte[] key;

    private ArchiveKey(byte[] key) {
        this.key = key;
    }

    /** Derives the key from a passphrase; the salt must be random per archive (16 bytes or more). */
    public static ArchiveKey fromPassphrase(char[] passphrase, byte[] salt, int iterations) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("the backup passphrase is empty");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iteration count below " + MIN_ITERATIONS);
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BYTES * 8);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new ArchiveKey(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2-HMAC-SHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** An operator-supplied key of 32 bytes. */
    public static ArchiveKey fromRawKey(byte[] raw) {
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an archive key must be 32 bytes");
        }
        return new ArchiveKey(raw.clone());
    }

    /** 16 hex digits naming the key without revealing it (an HMAC of a fixed label, not a hash of the key). */
    public String fingerprint() {
        return HexFormat.of().formatHex(hmac(key, "timeflow-backup fingerprint"), 0, 8);
    }

    /** The AES-256 key of the chunks of the archive whose per-archive salt is given. */
    SecretKeySpec chunkKey(byte[] archiveSalt) {
        return new SecretKeySpec(hmac(key, "timeflow-backup chunks", archiveSalt), "AES");
    }

    /** The AES-256 key that wraps the suite's data-encryption key inside the archive. */
    SecretKeySpec wrapKey(byte[] archiveSalt) {
        return new SecretKeySpec(hmac(key, "timeflow-backup key wrap", archiveSalt), "AES");
    }

    /** Whether a fingerprint read from an archive header names this key (constant-time comparison). */
    public boolean matches(String fingerprint) {
        return MessageDigest.isEqual(fingerprint().getBytes(StandardCharsets.US_ASCII),
                fingerprint == null ? new byte[0] : fingerprint.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String label, byte[]... more) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            for (byte[] m : more) {
                mac.update(m);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveKey[" + fingerprint() + "]";
    }

    /** Overwrites the key bytes; the key is unusable afterwards. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
