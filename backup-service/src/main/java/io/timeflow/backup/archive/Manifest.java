package io.timeflow.backup.archive;

import java.time.Instant;
import java.util.List;

/**
 * What an archive holds. Written twice inside the encrypted stream: at the start (tables listed,
 * counts and checksums not yet known) and at the end (complete); the reader checks the two agree
 * and that every table's data matches its count and checksum.
 *
 * @param formatVersion         {@link ArchiveFormat#VERSION}
 * @param backupId              the backup's id
 * @param appVersion            the suite's version that took it
 * @param snapshotAt            the moment of the consistent snapshot (the transaction's start)
 * @param archiveKeyFingerprint fingerprint of the archive key
 * @param dataKey               the suite's active data-encryption key, wrapped by the archive key (absent if none was
 *                              configured)
 * @param schemas               every service schema, in the order they were written
 * @param dataKeys              every key of the suite's key ring, each wrapped by the archive key (absent from archives
 *                              of versions with a single key, where {@code dataKey} is the installation key)
 */
public record Manifest(
        int formatVersion,
        String backupId,
        String appVersion,
        Instant snapshotAt,
        String archiveKeyFingerprint,
        DataKey dataKey,
        List<SchemaEntry> schemas,
        List<RingKey> dataKeys) {

    /** A manifest without the key ring (as versions with a single key wrote it). */
    public Manifest(int formatVersion, String backupId, String appVersion, Instant snapshotAt,
            String archiveKeyFingerprint, DataKey dataKey, List<SchemaEntry> schemas) {
        this(formatVersion, backupId, appVersion, snapshotAt, archiveKeyFingerprint, dataKey, schemas, null);
    }

    /** The same manifest with another key ring (as written into an archive: each key wrapped). */
    public Manifest withKeys(String archiveKeyFingerprint, DataKey dataKey, List<RingKey> dataKeys) {
        return new Manifest(formatVersion, backupId, appVersion, snapshotAt, archiveKeyFingerprint, dataKey, schemas,
                dataKeys);
    }

    /**
     * @param fingerprint the data key's fingerprint as {@code SecretCipher} names it
     * @param wrapped     base64 of nonce, AES-256-GCM ciphertext and tag under the archive's wrap key
     */
    public record DataKey(String fingerprint, String wrapped) {
    }

    /**
     * A key of the suite's key ring.
     *
     * @param keyId        the key's id (what sealed values name)
     * @param kind         {@code DATA_KEY}, or {@code DIGEST_KEY} for a retired key kept only as the digest key of
     *                     API keys made with it
     * @param state        its state in the ring when the backup was taken (ACTIVE, RETAINED, RETIRING, DIGEST_ONLY)
     * @param installation whether it was the installation key (the one digests without a key id were made with)
     * @param wrapped      base64 of nonce, AES-256-GCM ciphertext and tag under the archive's wrap key
     */
    public record RingKey(String keyId, String kind, String state, boolean installation, String wrapped) {
    }

    /**
     * @param name               the schema (staging, snapshot, plugin)
     * @param migrationVersion   the highest Flyway version applied
     * @param appliedMigrations  every Flyway version applied, in the order applied
     * @param tables             its tables, parents before children (foreign keys), each with its data
     * @param sequences          its sequences and their values at the snapshot (or later: they only grow)
     * @param sizeBytes          what its tables, indexes and TOAST took on disk at the snapshot (absent in archives of
     *                           earlier versions): what loading it beside the live schema needs
     */
    public record SchemaEntry(String name, String migrationVersion, List<String> appliedMigrations,
            List<TableEntry> tables, List<SequenceEntry> sequences, Long sizeBytes) {

        public SchemaEntry(String name, String migrationVersion, List<String> appliedMigrations, List<TableEntry> tables,
                List<SequenceEntry> sequences) {
            this(name, migrationVersion, appliedMigrations, tables, sequences, null);
        }

        public SchemaEntry withTables(List<TableEntry> done) {
            return new SchemaEntry(name, migrationVersion, appliedMigrations, done, sequences, sizeBytes);
        }
    }

    /**
     * @param name    the table
     * @param columns its columns in the order of the data
     * @param rows    rows in the data (-1 in the manifest at the start)
     * @param sha256  hex SHA-256 of the table's data as written (binary COPY format; null at the start)
     * @param bytes   bytes of the table's data (binary COPY format; null at the start and in archives of earlier
     *                versions)
     */
    public record TableEntry(String name, List<String> columns, long rows, String sha256, Long bytes) {

        public TableEntry(String name, List<String> columns, long rows, String sha256) {
            this(name, columns, rows, sha256, null);
        }

        public TableEntry withData(long rows, String sha256) {
            return new TableEntry(name, columns, rows, sha256, bytes);
        }

        public TableEntry withData(long rows, String sha256, long bytes) {
            return new TableEntry(name, columns, rows, sha256, bytes);
        }
    }

    public record SequenceEntry(String name, long lastValue, boolean called) {
    }

    /** Bytes of table data the archive holds (binary COPY), or null when an earlier version did not record them. */
    public Long dataBytes() {
        long total = 0;
        for (SchemaEntry s : schemas) {
            for (TableEntry t : s.tables()) {
                if (t.bytes() == null) {
                    return null;
                }
                total += t.bytes();
            }
        }
        return total;
    }

    /** What the schemas took on disk when the backup was taken, or null when an earlier version did not record it. */
    public Long sizeBytes() {
        long total = 0;
        for (SchemaEntry s : schemas) {
            if (s.sizeBytes() == null) {
                return null;
            }
            total += s.sizeBytes();
        }
        return total;
    }

    public long totalRows() {
        return schemas.stream().flatMap(s -> s.tables().stream()).mapToLong(t -> Math.max(0, t.rows())).sum();
    }

    public SchemaEntry schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
