package io.timeflow.backup.domain;

import io.timeflow.backup.archive.ArchiveKey;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Optional;

/**
 * The archive key of this installation: an operator-supplied key (timeflow.backup.key) or one derived
 * from the passphrase (timeflow.backup.passphrase). A request may bring the passphrase of an archive
 * made elsewhere. Neither is ever logged, echoed or stored.
 */
@ApplicationScoped
public class ArchiveKeys {

    private final BackupConfig config;

    @Inject
    public ArchiveKeys(BackupConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.key().filter(k -> !k.isBlank()).isPresent()
                || config.passphrase().filter(p -> !p.isBlank()).isPresent();
    }

    /** The installation's key; 409 ARCHIVE_KEY_NOT_CONFIGURED when there is none. */
    public KeySource configuredKeys() {
        Optional<String> raw = config.key().filter(k -> !k.isBlank());
        if (raw.isPresent()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(raw.get().trim());
            } catch (IllegalArgumentException e) {
                throw notConfigured("timeflow.backup.key is not base64");
            }
            if (key.length != ArchiveKey.KEY_BYTES) {
                throw notConfigured("timeflow.backup.key must be 32 bytes in base64");
            }
            return KeySource.rawKey(key);
        }
        Optional<String> passphrase = config.passphrase().filter(p -> !p.isBlank());
        if (passphrase.isEmpty()) {
            throw notConfigured("no archive key: set TIMEFLOW_BACKUP_PASSPHRASE (or TIMEFLOW_BACKUP_KEY) for backup-service");
        }
        return KeySource.passphrase(passphrase.get().toCharArray(), Math.max(ArchiveKey.MIN_ITERATIONS, config.kdfIterations()));
    }

    /** The key to read an archive: the given passphrase when a request brings one, else the installation's. */
    public KeySource forReading(Optional<String> passphrase) {
        return passphrase.filter(p -> !p.isEmpty())
                .map(p -> KeySource.passphrase(p.toCharArray(), ArchiveKey.MIN_ITERATIONS))
                .orElseGet(this::configuredKeys);
    }

    /**
     * The keys to read a stored backup's archive. An uploaded archive was stored under this installation's
     * key (ADR 92): a passphrase given again (the one it was uploaded with) is tried first, then this
     * installation's key. Any other archive is read with the given passphrase, or the installation's.
     */
    public KeySource forReading(Optional<String> passphrase, Backup backup) {
        Optional<KeySource> given = passphrase.filter(p -> !p.isEmpty())
                .map(p -> KeySource.passphrase(p.toCharArray(), ArchiveKey.MIN_ITERATIONS));
        if (given.isEmpty() || backup.trigger() != Trigger.UPLOADED || !configured()) {
            return forReading(passphrase);
        }
        return KeySource.anyOf(java.util.List.of(given.get(), configuredKeys()));
    }

    private static ProblemException notConfigured(String detail) {
        return ProblemException.of(BackupProblem.ARCHIVE_KEY_NOT_CONFIGURED, detail);
    }
}
