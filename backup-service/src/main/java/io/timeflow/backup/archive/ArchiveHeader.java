package io.timeflow.backup.archive;

import java.time.Instant;

/**
 * The clear-text header at the start of an archive: enough to identify it and derive its key, and
 * authenticated (its SHA-256 is part of every chunk's associated data), so a change to it is
 * detected like a change to the data. It holds no secret.
 *
 * @param formatVersion  {@link ArchiveFormat#VERSION}
 * @param backupId       the backup's id
 * @param appVersion     the suite's version that wrote it
 * @param createdAt      when the database snapshot was taken
 * @param cipher         AES-256-GCM
 * @param compression    zstd
 * @param chunkBytes     plaintext bytes per chunk (the last one may hold fewer)
 * @param kdf            how the archive key comes from a passphrase, or RAW for an operator-supplied key
 * @param archiveSalt    base64 of 32 random bytes; the chunk and wrap keys are derived with it
 * @param keyFingerprint fingerprint of the archive key (tells a wrong passphrase from a tampered archive)
 */
public record ArchiveHeader(
        int formatVersion,
        String backupId,
        String appVersion,
        Instant createdAt,
        String cipher,
        String compression,
        int chunkBytes,
        Kdf kdf,
        String archiveSalt,
        String keyFingerprint) {

    /**
     * @param algorithm  PBKDF2-HMAC-SHA256 or RAW
     * @param iterations PBKDF2 iterations
     * @param salt       base64 of the PBKDF2 salt
     */
    public record Kdf(String algorithm, Integer iterations, String salt) {
        public static final String PBKDF2 = "PBKDF2-HMAC-SHA256";
        public static final String RAW = "RAW";
    }
}
