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
 * @param dataKey               the suite's data-encryption key, wrapped by the archive key (absent if none was configured)
 * @param schemas               every service schema, in the order they were written
 */
public record Manifest(
        int formatVersion,
        String backupId,
        String appVersion,
        Instant snapshotAt,
        String archiveKeyFingerprint,
        DataKey dataKey,
        List<SchemaEntry> schemas) {

    /**
     * @param fingerprint the data key's fingerprint as {@code SecretCipher} names it
     * @param wrapped     base64 of nonce, AES-256-GCM ciphertext and tag under the archive's wrap key
     */
    public record DataKey(String fingerprint, String wrapped) {
    }

    /**
     * @param name               the schema (staging, snapshot, plugin)
     * @param migrationVersion   the highest Flyway version applied
     * @param appliedMigrations  every Flyway version applied, in the order applied
     * @param tables             its tables, parents before children (foreign keys), each with its data
     * @param sequences          its sequences and their values at the snapshot (or later: they only grow)
     */
    public record SchemaEntry(String name, String migrationVersion, List<String> appliedMigrations,
            List<TableEntry> tables, List<SequenceEntry> sequences) {
    }

    /**
     * @param name    the table
     * @param columns its columns in the order of the data
     * @param rows    rows in the data (-1 in the manifest at the start)
     * @param sha256  hex SHA-256 of the table's data as written (binary COPY format; null at the start)
     */
    public record TableEntry(String name, List<String> columns, long rows, String sha256) {
        public TableEntry withData(long rows, String sha256) {
            return new TableEntry(name, columns, rows, sha256);
        }
    }

    public record SequenceEntry(String name, long lastValue, boolean called) {
    }

    public long totalRows() {
        return schemas.stream().flatMap(s -> s.tables().stream()).mapToLong(t -> Math.max(0, t.rows())).sum();
    }

    public SchemaEntry schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
