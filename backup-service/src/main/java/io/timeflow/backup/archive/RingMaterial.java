package io.timeflow.backup.archive;

import java.util.Arrays;

/**
 * A key of the suite's key ring in clear, as an archive carries it (wrapped by the archive key): a
 * data-encryption key, or for a retired key only the digest key of the API keys made with it.
 *
 * @param keyId        the id sealed values and digests name
 * @param kind         {@link #DATA_KEY} or {@link #DIGEST_KEY}
 * @param state        its state in the ring at the backup (ACTIVE, RETAINED, RETIRING, DIGEST_ONLY)
 * @param installation whether it was the installation key of the installation that took the backup
 * @param material     the 32 bytes
 */
public record RingMaterial(String keyId, String kind, String state, boolean installation, byte[] material) {

    public static final String DATA_KEY = "DATA_KEY";
    public static final String DIGEST_KEY = "DIGEST_KEY";

    public boolean dataKey() {
        return DATA_KEY.equals(kind);
    }

    @Override
    public String toString() {
        return "RingMaterial[" + keyId + " " + kind + " " + state + (installation ? " installation" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RingMaterial r && r.keyId.equals(keyId) && r.kind.equals(kind) && r.state.equals(state)
                && r.installation == installation && Arrays.equals(r.material, material);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }
}
