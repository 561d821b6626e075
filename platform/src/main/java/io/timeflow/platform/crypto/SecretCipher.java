package io.timeflow.platform.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Encrypts sensitive values at rest (AES-256-GCM), one mechanism for every service, with the keys of
 * the service's {@link KeyRing}: the installation key ({@code timeflow.encryption.key}, base64 of 32
 * random bytes; {@code TIMEFLOW_ENCRYPTION_KEY} in the environment, a Kubernetes Secret in the chart,
 * never the repository), previous installation keys ({@code timeflow.encryption.previous-keys}) and
 * the keys of the schema's {@code data_key} table (a rotation's, or another installation's restored
 * with its backup). A sealed value reads {@code tfenc:v1:<key id>:<base64 of nonce, ciphertext and tag>}:
 * the key id says which key opens it, so values sealed with different keys live side by side. New
 * values are sealed with the active key. {@code aad} binds a value to where it belongs (e.g. the
 * object id and field path) so a sealed value cannot be moved to another field.
 * <p>
 * The table is read again at most every {@code timeflow.encryption.ring-refresh} (5 s), and at once
 * when a value names a key the ring does not hold yet (a restore or rotation just added it).
 */
@ApplicationScoped
public class SecretCipher {

    public static final String PREFIX = "tfenc:v1:";
    private static final Pattern SEALED = Pattern.compile("^tfenc:v1:([0-9a-f]{16}):");
    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] installationKey;
    private final List<byte[]> previousKeys;
    private final DataSource dataSource;
    private final long refreshNanos;
    private final SecureRandom random = new SecureRandom();
    private volatile KeyRing ring;
    private volatile long loadedAt;

    @Inject
    public SecretCipher(@ConfigProperty(name = "timeflow.encryption.key") Optional<String> encodedKey,
            @ConfigProperty(name = "timeflow.encryption.previous-keys") Optional<List<String>> previousKeys,
            @ConfigProperty(name = "timeflow.encryption.ring-refresh", defaultValue = "5s") Duration refresh,
            DataSource dataSource) {
        this.installationKey = encodedKey.filter(k -> !k.isBlank()).map(k -> decodeKey(k, "timeflow.encryption.key"))
                .orElse(null);
        List<byte[]> previous = new ArrayList<>();
        previousKeys.orElse(List.of()).stream().filter(k -> !k.isBlank())
                .forEach(k -> previous.add(decodeKey(k, "timeflow.encryption.previous-keys")));
        this.previousKeys = List.copyOf(previous);
        this.dataSource = dataSource;
        this.refreshNanos = refresh.toNanos();
        this.ring = DataKeyTable.ring(installationKey, this.previousKeys, List.of());
        this.loadedAt = Long.MIN_VALUE;
    }

    /** A cipher over the installation key alone, without a table (unit tests, tools). */
    public SecretCipher(Optional<String> encodedKey) {
        this.installationKey = encodedKey.filter(k -> !k.isBlank()).map(k -> decodeKey(k, "timeflow.encryption.key"))
                .orElse(null);
        this.previousKeys = List.of();
        this.dataSource = null;
        this.refreshNanos = Long.MAX_VALUE;
        this.ring = DataKeyTable.ring(installationKey, previousKeys, List.of());
        this.loadedAt = System.nanoTime();
    }

    /** A cipher over an explicit key (for tools such as backup and restore that handle several keys). */
    public static SecretCipher of(byte[] rawKey) {
        return new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(rawKey)));
    }

    /** A cipher over a fixed ring (tools and tests): {@code installationKey} is the ring's installation key. */
    public static SecretCipher withRing(byte[] installationKey, KeyRing ring) {
        SecretCipher c = new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(installationKey)));
        c.ring = ring;
        return c;
    }

    public boolean configured() {
        return installationKey != null;
    }

    /** The key ring as it is now (read again from the table when the last read is older than the refresh interval). */
    public KeyRing ring() {
        if (dataSource != null && System.nanoTime() - loadedAt > refreshNanos) {
            return reload();
        }
        return ring;
    }

    /** Reads the table again; keeps the ring it had when the table cannot be read. */
    public synchronized KeyRing reload() {
        if (dataSource == null) {
            return ring;
        }
        try (Connection c = dataSource.getConnection()) {
            if (DataKeyTable.exists(c, null)) {
                ring = DataKeyTable.ring(installationKey, previousKeys, DataKeyTable.read(c, null));
            }
            loadedAt = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("the key ring's table could not be read: %s", e.getMessage());
        }
        return ring;
    }

    /** The installation key (backup-service alone wraps keys with it). */
    public byte[] installationKey() {
        return requireInstallationKey().clone();
    }

    /** The previous installation keys an operator listed. */
    public List<byte[]> previousKeys() {
        return previousKeys.stream().map(byte[]::clone).toList();
    }

    /** The id of the key new values are sealed with (the first 16 hex digits of its SHA-256). */
    public String keyFingerprint() {
        requireInstallationKey();
        return ring().activeId();
    }

    public String seal(String plaintext, String aad) {
        requireInstallationKey();
        KeyRing.Entry active = ring().active();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, active.dataKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
            return PREFIX + active.id() + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a sensitive value", e);
        }
    }

    public String open(String sealedValue, String aad) {
        requireInstallationKey();
        String keyId = keyIdOf(sealedValue).orElseThrow(() -> new IllegalArgumentException("not a sealed value"));
        Optional<SecretKey> key = ring().dataKey(keyId);
        if (key.isEmpty()) {
            key = reload().dataKey(keyId);
        }
        SecretKey k = key.orElseThrow(() -> new IllegalStateException("a sensitive value was sealed with data-encryption key "
                + keyId + ", which this installation's key ring does not hold (active key " + ring.activeId() + ")"));
        String rest = sealedValue.substring(PREFIX.length() + keyId.length() + 1);
        byte[] all = Base64.getDecoder().decode(rest);
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

    /** Opens a value and seals it again with the active key (a re-seal pass); a value already under it is kept. */
    public String reseal(String sealedValue, String aad) {
        if (keyIdOf(sealedValue).map(id -> id.equals(ring().activeId())).orElse(false)) {
            return sealedValue;
        }
        return seal(open(sealedValue, aad), aad);
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The id of the key a sealed value names. */
    public static Optional<String> keyIdOf(String sealedValue) {
        if (sealedValue == null) {
            return Optional.empty();
        }
        Matcher m = SEALED.matcher(sealedValue);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** First 16 hex digits of the SHA-256 of a key: names it without revealing it. */
    public static String fingerprint(byte[] rawKey) {
        return KeyRing.idOf(rawKey);
    }

    /** A new random key, base64-encoded, as the launcher writes it into its data directory. */
    public static String newEncodedKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private byte[] requireInstallationKey() {
        if (installationKey == null) {
            throw new IllegalStateException(
                    "no data-encryption key: set timeflow.encryption.key (TIMEFLOW_ENCRYPTION_KEY) to 32 random bytes in base64");
        }
        return installationKey;
    }

    private static byte[] decodeKey(String encoded, String property) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), it has " + raw.length);
        }
        return raw;
    }
}
