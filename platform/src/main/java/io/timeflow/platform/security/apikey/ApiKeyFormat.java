package io.timeflow.platform.security.apikey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an API key is written: {@code tfk_<key id, 32 hex digits>_<secret, 43 base64url characters>}.
 * The id finds the key's row; the secret (256 random bits) is checked against its digest. The
 * {@code tfk_} prefix lets secret scanners recognise a leaked key.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "tfk_";
    private static final Pattern KEY = Pattern.compile("^tfk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A presented key, split into its parts. */
    public record Parsed(UUID keyId, String secret) {
    }

    private ApiKeyFormat() {
    }

    /** A new key for the given id. */
    public static String newKey(UUID keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + keyId.toString().replace("-", "") + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether a credential claims to be an API key (then no other mechanism should look at it). */
    public static boolean looksLikeKey(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    /** The parts of a well-formed key; empty for anything else. */
    public static Optional<Parsed> parse(String credential) {
        if (credential == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(credential);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] id = HexFormat.of().parseHex(m.group(1));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (id[i] & 0xff);
            low = (low << 8) | (id[i + 8] & 0xff);
        }
        return Optional.of(new Parsed(new UUID(high, low), m.group(2)));
    }

    /** The secret part of a well-formed key. */
    public static String secretOf(String key) {
        return parse(key).map(Parsed::secret).orElseThrow(() -> new IllegalArgumentException("not an API key"));
    }
}
