package io.timeflow.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the {@code data_key} table keeps a key: AES-256-GCM under the installation key (the
 * key-encryption key), bound to the key's id and to what the material is (a data key, or only the
 * digest key of API keys made with it), as base64 of nonce, ciphertext and tag.
 */
public final class KeyWrap {

    /** What a row's material is. */
    public enum Kind {
        DATA_KEY, DIGEST_KEY
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrap() {
    }

    public static String wrap(byte[] keyEncryptionKey, String keyId, Kind kind, byte[] material) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(keyId, kind));
            byte[] sealed = c.doFinal(material);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data-encryption key", e);
        }
    }

    /** The material, or null when {@code keyEncryptionKey} is not the key that wrapped it. */
    public static byte[] unwrap(byte[] keyEncryptionKey, String keyId, Kind kind, String wrapped) {
        byte[] all = Base64.getDecoder().decode(wrapped);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(aad(keyId, kind));
            return c.doFinal(all, 12, all.length - 12);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap a data-encryption key", e);
        }
    }

    private static byte[] aad(String keyId, Kind kind) {
        return ("timeflow data key " + keyId + " " + kind.name()).getBytes(StandardCharsets.UTF_8);
    }
}
