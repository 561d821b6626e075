package io.timeflow.backup.domain;

import io.timeflow.backup.RestoreGate;
import io.timeflow.backup.config.BackupConfig;
import io.timeflow.backup.persistence.SuiteRestoreRepository;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.db.DatabaseSessions;
import io.timeflow.platform.jobs.JobMetrics;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * The restore service of the tests (the production class is excluded from the test build by
 * {@code quarkus.arc.exclude-types}): the same service, which tells the {@link RestoreGate} of each step a restore
 * reaches, so that a test can hold a restore there, look at it or kill its sessions, and let it go on.
 */
@Singleton
public class HeldRestoreService extends RestoreService {

    private final RestoreGate gate;

    @Inject
    public HeldRestoreService(SuiteRestoreRepository restores, BackupService backups, ArchiveService archives,
            OperationLock lock, Outbox outbox, CurrentActor actors, ArchiveKeys keys, DatabaseSessions sessions,
            BackupConfig config, SecretCipher cipher, JobRunner runner, SuiteMaintenance maintenanceFlags,
            DatabaseSpace databaseSpace, Event<SuiteRestored> restored, Clock clock, JobMetrics metrics,
            RestoreGate gate) {
        super(restores, backups, archives, lock, outbox, actors, keys, sessions, config, cipher, runner,
                maintenanceFlags, databaseSpace, restored, clock, metrics);
        this.gate = gate;
    }

    @Override
    void reached(UUID id, String step, String schema, String table) {
        super.reached(id, step, schema, table);
        gate.reached(step);
    }
}
