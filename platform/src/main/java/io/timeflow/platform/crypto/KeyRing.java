package io.timeflow.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data-encryption keys a service knows, at one moment: the installation key (from
 * {@code timeflow.encryption.key}), keys an operator lists as previous installation keys, and the
 * keys of the {@code data_key} table (added by a rotation or by a restore of another installation's
 * backup). Every sealed value and every API-key digest names the key it was made with (its id, the
 * first 16 hex digits of the key's SHA-256), so a value can always find its key here. New values are
 * sealed with the active key: the table's ACTIVE key, or the installation key when there is none.
 * <p>
 * Immutable: {@link SecretCipher} swaps in a new ring when the table changes.
 */
public final class KeyRing {

    /** What a key of the ring is for now; the states of the {@code data_key} table. */
    public enum State {
        /** New values are sealed with it (at most one key). */
        ACTIVE,
        /** Opens the values sealed with it (a key restored from another installation, say); nothing re-seals them. */
        RETAINED,
        /** A rotation moves the values sealed with it to the active key; it is retired once none is left. */
        RETIRING,
        /** No value is sealed with it; only API-key digests made with it remain (kept as their digest key alone). */
        DIGEST_ONLY,
        /** Nothing needs it any more; its material is erased. */
        RETIRED
    }

    /**
     * One key of the ring.
     *
     * @param id              the key id sealed values name
     * @param state           its state
     * @param dataKey         the AES-256 key (null when only its digest key is kept, or once retired)
     * @param digestKey       the key API-key digests made with it use (null once retired)
     * @param installationKey whether it is the installation key (or one of the previous installation keys)
     */
    public record Entry(String id, State state, SecretKey dataKey, byte[] digestKey, boolean installationKey) {
        public boolean opens() {
            return dataKey != null;
        }
    }

    private static final String DIGEST_LABEL = "timeflow api-key digest v1";

    private final Map<String, Entry> entries;
    private final String activeId;
    private final String installationKeyId;

    private KeyRing(Map<String, Entry> entries, String activeId, String installationKeyId) {
        this.entries = entries;
        this.activeId = activeId;
        this.installationKeyId = installationKeyId;
    }

    /** A ring without any key: sealing and opening fail, API keys cannot be checked. */
    public static KeyRing empty() {
        return new KeyRing(Map.of(), null, null);
    }

    /** A ring of one key, active: the installation key alone (tests, tools). */
    public static KeyRing of(byte[] installationKey) {
        return builder(installationKey).build();
    }

    public static Builder builder(byte[] installationKey) {
        return new Builder(installationKey);
    }

    /** Whether any key is known (a data-encryption key is configured). */
    public boolean configured() {
        return activeId != null;
    }

    /** The id of the key new values are sealed with. */
    public String activeId() {
        return activeId;
    }

    /** The id of the configured installation key (the one that wraps the table's keys); null when none. */
    public String installationKeyId() {
        return installationKeyId;
    }

    public Entry active() {
        return activeId == null ? null : entries.get(activeId);
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The key that opens values sealed with key {@code id}, if the ring holds it. */
    public Optional<SecretKey> dataKey(String id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.ofNullable(e.dataKey());
    }

    /** The digest key of API keys digested with key {@code id}, if the ring holds it. */
    public Optional<byte[]> digestKey(String id) {
        Entry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.ofNullable(e.digestKey());
    }

    /** Every key, the active one first. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        if (activeId != null) {
            all.add(entries.get(activeId));
        }
        entries.values().stream().filter(e -> !e.id().equals(activeId)).forEach(all::add);
        return all;
    }

    /** Ids of the keys whose values a rotation is moving to the active key. */
    public List<String> retiring() {
        return entries.values().stream().filter(e -> e.state() == State.RETIRING).map(Entry::id).toList();
    }

    /** First 16 hex digits of the SHA-256 of a key: names it without revealing it. */
    public static String idOf(byte[] rawKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawKey);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key API-key digests made with data key {@code rawKey} use: HMAC-SHA256(key, fixed label). */
    public static byte[] digestKeyOf(byte[] rawKey) {
        return hmac(rawKey, DIGEST_LABEL.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a ring: the installation key, then previous installation keys and the table's keys. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();
        private final String installationKeyId;
        private String activeId;

        private Builder(byte[] installationKey) {
            if (installationKey == null) {
                installationKeyId = null;
                return;
            }
            installationKeyId = idOf(installationKey);
            entries.put(installationKeyId, new Entry(installationKeyId, State.ACTIVE, aes(installationKey),
                    digestKeyOf(installationKey), true));
        }

        /** A previous installation key, listed by the operator after changing the installation key. */
        public Builder previousInstallationKey(byte[] key) {
            String id = idOf(key);
            entries.putIfAbsent(id, new Entry(id, State.RETIRING, aes(key), digestKeyOf(key), true));
            return this;
        }

        /**
         * A key of the table. {@code material} is the key itself, or for {@link State#DIGEST_ONLY} the
         * digest key; null when the table keeps none (retired, or the installation key's own row).
         */
        public Builder tableKey(String id, State state, byte[] material) {
            Entry known = entries.get(id);
            if (material == null) {
                if (known != null) {
                    // the row of a configured key: its state is the table's, the key the configuration's
                    entries.put(id, new Entry(id, state, known.dataKey(), known.digestKey(), known.installationKey()));
                    if (state == State.ACTIVE) {
                        activeId = id;
                    }
                } else if (state == State.RETIRED) {
                    entries.put(id, new Entry(id, State.RETIRED, null, null, false));
                }
                return this;
            }
            if (state == State.DIGEST_ONLY) {
                entries.put(id, new Entry(id, state, null, material, false));
            } else if (state != State.RETIRED) {
                if (!idOf(material).equals(id)) {
                    throw new IllegalStateException("the data_key row of key " + id + " holds another key");
                }
                entries.put(id, new Entry(id, state, aes(material), digestKeyOf(material),
                        known != null && known.installationKey()));
                if (state == State.ACTIVE) {
                    activeId = id;
                }
            }
            return this;
        }

        public KeyRing build() {
            String active = activeId != null ? activeId : installationKeyId;
            Map<String, Entry> all = new LinkedHashMap<>();
            for (Entry e : entries.values()) {
                State s = e.state();
                if (e.id().equals(active)) {
                    s = State.ACTIVE;
                } else if (s == State.ACTIVE) {
                    s = State.RETAINED;
                }
                all.put(e.id(), new Entry(e.id(), s, e.dataKey(), e.digestKey(), e.installationKey()));
            }
            return new KeyRing(java.util.Collections.unmodifiableMap(all), active, installationKeyId);
        }

        private static SecretKey aes(byte[] key) {
            if (key.length != 32) {
                throw new IllegalStateException("a data-encryption key must be 32 bytes (AES-256), it has " + key.length);
            }
            return new SecretKeySpec(key, "AES");
        }
    }

    /** The ids of the given entries. */
    public static List<String> ids(Collection<Entry> entries) {
        return entries.stream().map(Entry::id).toList();
    }
}
