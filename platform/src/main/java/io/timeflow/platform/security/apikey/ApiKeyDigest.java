package io.timeflow.platform.security.apikey;

import io.timeflow.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only form in which an API key's secret is kept: HMAC-SHA256 under a key derived from the
 * suite's data-encryption key (itself an HMAC of a fixed label), so a copy of the key table, an
 * event or a backup without the data-encryption key cannot be used to test guesses.
 */
@ApplicationScoped
public class ApiKeyDigest {

    private static final String LABEL = "timeflow api-key digest v1";

    private final byte[] digestKey;

    @Inject
    public ApiKeyDigest(SecretCipher cipher) {
        this(cipher.configured() ? cipher.rawKey() : null);
    }

    ApiKeyDigest(byte[] dataEncryptionKey) {
        this.digestKey = dataEncryptionKey == null ? null : hmac(dataEncryptionKey, LABEL.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether keys can be checked at all (a data-encryption key is configured). */
    public boolean available() {
        return digestKey != null;
    }

    /** Hex HMAC of the secret part of a key. */
    public String of(String secret) {
        if (digestKey == null) {
            throw new IllegalStateException("API keys need the data-encryption key (timeflow.encryption.key)");
        }
        return HexFormat.of().formatHex(hmac(digestKey, secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code secret} has the given digest, compared in constant time. */
    public boolean matches(String secret, String digest) {
        return MessageDigest.isEqual(of(secret).getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
