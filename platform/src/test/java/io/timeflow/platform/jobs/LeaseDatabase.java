package io.timeflow.platform.jobs;

import io.timeflow.platform.db.DatabaseSessions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A real PostgreSQL of a test class's own (under {@code target/}), and replicas' {@link JobLeases} on it. */
final class LeaseDatabase implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private LeaseDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static LeaseDatabase start(String name) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
        return new LeaseDatabase(EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true).setOverrideWorkingDirectory(dir.resolve("pg-binaries").toFile()).start());
    }

    /** The leases of one replica: its own sessions. */
    JobLeases replica() {
        return new JobLeases(new DatabaseSessions(pg.getJdbcUrl("postgres", "postgres"), "postgres", Optional.empty()));
    }

    EmbeddedPostgres postgres() {
        return pg;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
