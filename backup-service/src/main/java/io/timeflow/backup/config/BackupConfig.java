package io.timeflow.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** backup-service's settings, under {@code timeflow.backup.*}; production values come from the environment. */
@ConfigMapping(prefix = "timeflow.backup")
public interface BackupConfig {

    /** The passphrase the archive key is derived from (TIMEFLOW_BACKUP_PASSPHRASE). Never logged. */
    Optional<String> passphrase();

    /** Or an operator-supplied archive key: base64 of 32 bytes (TIMEFLOW_BACKUP_KEY). Wins over the passphrase. */
    Optional<String> key();

    /** PBKDF2-HMAC-SHA256 iterations for new archives (at least 100,000). */
    @WithDefault("600000")
    int kdfIterations();

    /** zstd level: 1 is fastest, 3 is zstd's default. */
    @WithDefault("1")
    int compressionLevel();

    /** zstd worker threads besides the one reading the database (0: compress on the reading thread). */
    @WithDefault("1")
    int compressionWorkers();

    /** The free-space check before a restore (ADR 0093). */
    Restore restore();

    interface Restore {
        /**
         * A directory on the file system that holds the database (the PostgreSQL data directory, or any
         * directory on its volume, mounted where backup-service runs): its free space is the target's.
         */
        Optional<String> databaseDirectory();

        /**
         * Or the storage the database may use, in bytes (the volume's size, a quota): free space is this
         * less the database's size.
         */
        Optional<Long> databaseCapacity();

        /** Margin added to what the archive's schemas took on disk when it was taken. */
        @WithDefault("0.10")
        double spaceMargin();
    }

    /** How often a running job renews its heartbeat and the maintenance heartbeat. */
    @WithDefault("5s")
    Duration heartbeat();

    /** How long a restore waits for in-flight writes to finish once writes are refused. */
    @WithDefault("30s")
    Duration quiesceTimeout();

    /** Retention of the schedule when none was set: keep the newest N scheduled backups. */
    @WithDefault("10")
    int defaultKeep();

    Storage storage();

    interface Storage {
        /** local (a directory, the default) or s3 (an S3-compatible object store). */
        @WithDefault("local")
        String type();

        /** The directory of local archives. */
        @WithDefault(".timeflow/backups")
        String directory();

        S3 s3();
    }

    interface S3 {
        /** The endpoint of an S3-compatible store, e.g. http://minio:9000; absent for AWS itself. */
        Optional<String> endpoint();

        @WithDefault("timeflow-backups")
        String bucket();

        /** A key prefix inside the bucket. */
        @WithDefault("")
        Optional<String> prefix();

        @WithDefault("us-east-1")
        String region();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing (most S3-compatible servers need it). */
        @WithDefault("true")
        boolean pathStyle();

        /** Bytes per part of a multipart upload (memory used while uploading). */
        @WithDefault("8388608")
        int partBytes();
    }
}
