package io.timeflow.backup.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.backup.archive.ArchiveException;
import io.timeflow.backup.archive.ArchiveHeader;
import io.timeflow.backup.archive.ArchiveReader;
import io.timeflow.backup.archive.ArchiveRekeyer;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.persistence.BackupRepository;
import io.timeflow.backup.storage.ArchiveStore;
import io.timeflow.events.backup.BackupCreated;
import io.timeflow.platform.jobs.JobState;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The archives of stored backups: whether one can be read here, opening, downloading and verifying it, and storing
 * an uploaded one as a backup of this installation. Taking backups is {@link BackupService}'s.
 */
@ApplicationScoped
public class ArchiveService {

    private static final Logger LOG = Logger.getLogger(ArchiveService.class);

    /** What a verification found. */
    public record Verification(UUID backupId, String appVersion, Instant snapshotAt, long chunks, long tables, long rows,
            List<SchemaVersion> schemas) {
    }

    private final BackupRepository backups;
    private final ArchiveStore store;
    private final ArchiveKeys keys;
    private final Installation installation;
    private final Outbox outbox;
    private final CurrentActor actors;
    private final BackupConfig config;
    private final Clock clock;

    @Inject
    public ArchiveService(BackupRepository backups, ArchiveStore store, ArchiveKeys keys, Installation installation,
            Outbox outbox, CurrentActor actors, BackupConfig config, Clock clock) {
        this.backups = backups;
        this.store = store;
        this.keys = keys;
        this.installation = installation;
        this.outbox = outbox;
        this.actors = actors;
        this.config = config;
        this.clock = clock;
    }

    /** A stored backup whose archive can be read; 404 or 409 BACKUP_NOT_AVAILABLE otherwise. */
    public Backup stored(UUID id) {
        Backup b = QuarkusTransaction.requiringNew().call(() ->
                backups.find(id).orElseThrow(() -> ProblemException.notFound("backup", id)));
        if (b.state() != JobState.SUCCEEDED || b.storageKey() == null) {
            throw ProblemException.of(BackupProblem.BACKUP_NOT_AVAILABLE, "backup " + id + " has no stored archive (it is "
                    + b.state() + ")").with("state", b.state().name());
        }
        return b;
    }

    /**
     * 409 ARCHIVE_MISSING when the archive of a catalogue entry is not in this installation's store (an
     * entry a restore brought from another installation's catalogue, ADR 91, or an archive removed by hand).
     */
    public void requireArchive(Backup b) {
        boolean present;
        try {
            present = store.exists(b.storageKey());
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            boolean foreign = b.installationId() != null && !b.installationId().equals(installation.id());
            throw new ProblemException(BackupProblem.ARCHIVE_MISSING, "the archive of backup " + b.id()
                    + " is not in this installation's " + store.kind() + " store" + (foreign
                            ? " (the entry came with a restore from another installation's catalogue: its archive is in"
                                    + " that installation's store; upload it to restore it here)" : ""));
        }
    }

    private boolean archivePresent(Backup b) {
        try {
            return b.storageKey() != null && store.exists(b.storageKey());
        } catch (IOException e) {
            return true; // the store cannot tell: never write over what may be there
        }
    }

    /** Opens a stored backup's archive for reading. */
    public InputStream open(Backup b) {
        try {
            return store.open(b.storageKey());
        } catch (IOException e) {
            throw new ProblemException(BackupProblem.ARCHIVE_MISSING,
                    "the archive of backup " + b.id() + " is not in the " + store.kind() + " store");
        }
    }

    /** Streams a stored archive as it is (encrypted) to {@code out}. */
    public void download(UUID id, OutputStream out) throws IOException {
        Backup b = stored(id);
        LOG.infof("archive of backup %s downloaded by %s", id, actors.get().subject());
        try (InputStream in = open(b)) {
            in.transferTo(out);
        }
    }

    /** Decrypts the whole archive and checks every chunk, checksum and count without restoring; 422 when it fails. */
    public Verification verify(UUID id, Optional<String> passphrase) {
        Backup b = stored(id);
        KeySource readingKeys = keys.forReading(passphrase, b);
        ArchiveReader.Result result;
        try (InputStream in = open(b)) {
            result = ArchiveReader.read(in, readingKeys, ArchiveReader.VERIFY);
            ArchiveReader.dataKey(result, readingKeys);
        } catch (ArchiveException e) {
            LOG.warnf("backup %s failed verification: %s", id, e.getMessage());
            throw refused(e);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw new ProblemException(BackupProblem.VERIFICATION_FAILED,
                    "reading the archive of backup " + id + " failed");
        }
        if (!result.header().backupId().equals(id.toString())) {
            throw refused(new ArchiveException(ArchiveException.Reason.TAMPERED,
                    "the stored archive belongs to another backup"));
        }
        QuarkusTransaction.requiringNew().run(() -> backups.find(id).ifPresent(x -> x.verified(clock.instant())));
        Manifest m = result.manifest();
        return new Verification(id, m.appVersion(), m.snapshotAt(), result.chunks(),
                m.schemas().stream().mapToLong(s -> s.tables().size()).sum(), m.totalRows(), BackupService.summary(m));
    }

    /** 422 naming the stable reason an archive is refused. */
    public static ProblemException refused(ArchiveException e) {
        return ProblemException.of(e.problem(), e.getMessage());
    }

    /**
     * Stores an uploaded archive after checking it whole (it is written to storage as it is read, and
     * kept only if every check passes); it becomes a backup with its own id, or, when the catalogue has an entry of
     * that id whose archive is not in this installation's store (ARCHIVE_MISSING), that entry's archive. It is stored
     * under this installation's archive key (ADR 0092): restoring or verifying it later needs no other passphrase.
     */
    /** An uploaded archive: a new backup of the catalogue, or the archive an entry had not in this store. */
    public record Imported(Backup backup, boolean created) {
    }

    public Imported importArchive(InputStream upload, Optional<String> passphrase) {
        Actor actor = actors.get();
        KeySource readingKeys = keys.forReading(passphrase);
        KeySource ownKeys = keys.configuredKeys();
        UUID staging = UUID.randomUUID();
        String tempKey = "upload-" + staging + ".tfbk";
        ArchiveReader.Result result;
        Manifest stored;
        ArchiveRekeyer rekeyer;
        long size;
        try (ArchiveStore.Upload target = store.begin(tempKey)) {
            rekeyer = new ArchiveRekeyer(target.stream(), ownKeys, config.compressionLevel(), config.compressionWorkers());
            try {
                result = ArchiveReader.read(upload, readingKeys, rekeyer);
                stored = rekeyer.finish(result.manifest());
            } catch (Exception e) {
                rekeyer.abandon();
                target.abort();
                throw e;
            }
            size = target.commit();
        } catch (ArchiveException e) {
            throw refused(e);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            LOG.warnf("an uploaded archive could not be stored: %s", e.getMessage());
            throw new ProblemException(BackupProblem.UPLOAD_FAILED, "the uploaded archive could not be stored");
        }
        ArchiveHeader header = result.header();
        UUID id;
        try {
            id = UUID.fromString(header.backupId());
        } catch (IllegalArgumentException e) {
            deleteQuietly(tempKey);
            throw refused(new ArchiveException(ArchiveException.Reason.TAMPERED, "the archive's backup id is not valid"));
        }
        String key = ArchiveStore.keyOf(id.toString());
        try {
            Imported imported = QuarkusTransaction.requiringNew().call(() -> {
                Optional<Backup> entry = backups.find(id);
                if (entry.isPresent()) {
                    Backup b = entry.get();
                    if (b.state() != JobState.SUCCEEDED || archivePresent(b)) {
                        throw ProblemException.of(BackupProblem.BACKUP_EXISTS, "backup " + id
                                + " is already in the catalogue" + (b.state() == JobState.SUCCEEDED
                                        ? " with its archive" : " (" + b.state() + ")")).with("backupId", id.toString());
                    }
                    // the entry's archive was missing here: the upload supplies it
                    b.archiveSupplied(store.kind(), key, size, stored.archiveKeyFingerprint(),
                            stored.dataKey() == null ? null : stored.dataKey().fingerprint());
                    b.archiveSizes(stored.dataBytes(), stored.sizeBytes());
                    b.verified(clock.instant());
                    b.step(new Step("UPLOAD", JobState.SUCCEEDED.name(), clock.instant(), "its archive, missing from "
                            + "this installation's store, uploaded: " + stored.totalRows() + " rows checked and stored "
                            + "under this installation's archive key"));
                    return new Imported(b, false);
                }
                Backup b = new Backup(id, Trigger.UPLOADED, actor.subject(), clock.instant(), installation.id());
                b.started(clock.instant());
                List<SchemaVersion> schemas = BackupService.summary(stored);
                b.succeeded(clock.instant(), stored.snapshotAt(), store.kind(), key, size, stored.appVersion(),
                        header.formatVersion(), stored.archiveKeyFingerprint(),
                        stored.dataKey() == null ? null : stored.dataKey().fingerprint(), stored.totalRows(), schemas);
                b.archiveSizes(stored.dataBytes(), stored.sizeBytes());
                b.verified(clock.instant());
                b.step(new Step("UPLOAD", JobState.SUCCEEDED.name(), clock.instant(), stored.totalRows() + " rows of "
                        + schemas.size() + " schemas checked and stored under this installation's archive key"
                        + (rekeyer.ring().isEmpty() ? "" : "; it carries " + rekeyer.ring().size()
                                + " data-encryption keys, added to the key ring by a restore")));
                backups.add(b);
                outbox.publish(new BackupCreated(id.toString(), Trigger.UPLOADED.name(), stored.appVersion(),
                        schemas.stream().map(s -> new BackupCreated.SchemaVersion(s.schema(), s.migrationVersion()))
                                .toList(), size, stored.archiveKeyFingerprint(), stored.snapshotAt(), clock.instant()), actor);
                return new Imported(b, true);
            });
            rename(tempKey, key);
            LOG.infof("archive of backup %s uploaded by %s (%d bytes), stored under this installation's key%s", id,
                    actor.subject(), size, imported.created() ? "" : " (the catalogue's entry had no archive here)");
            return imported;
        } catch (RuntimeException e) {
            deleteQuietly(tempKey);
            throw e;
        }
    }

    private void rename(String from, String to) {
        try (InputStream in = store.open(from); ArchiveStore.Upload target = store.begin(to)) {
            in.transferTo(target.stream());
            target.stream().close();
            target.commit();
        } catch (IOException e) {
            throw new ProblemException(BackupProblem.UPLOAD_FAILED, "the uploaded archive could not be stored");
        } finally {
            deleteQuietly(from);
        }
    }

    void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not delete archive %s: %s", key, e.getMessage());
        }
    }
}
