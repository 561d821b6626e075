package io.timeflow.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** A real PostgreSQL 17 from the embedded binaries, with the Timeflow database bootstrapped. */
public final class Postgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres pg;
    private final Map<String, String> passwords;

    private Postgres(EmbeddedPostgres pg, Map<String, String> passwords) {
        this.pg = pg;
        this.passwords = passwords;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 for any free port) with its data in {@code dataDir}, kept
     * between starts, and applies the bootstrap with the given role passwords (one per schema).
     */
    public static Postgres start(Path dataDir, int port, Map<String, String> passwords) throws IOException, SQLException {
        return start(dataDir, port, passwords, true);
    }

    /**
     * As {@link #start(Path, int, Map)}; {@code stopOnExit} false leaves the stop to the caller ({@link #close()}),
     * for one that must stop PostgreSQL last, after the processes that use it (the launcher): a JVM shutdown hook
     * would stop it as soon as the JVM is asked to exit.
     */
    public static Postgres start(Path dataDir, int port, Map<String, String> passwords, boolean stopOnExit)
            throws IOException, SQLException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on")
                .setOverrideWorkingDirectory(dataDir.getParent().resolve("pg-binaries").toFile())
                .setRegisterShutdownHook(stopOnExit);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        DatabaseBootstrap.apply("localhost", pg.getPort(), SUPERUSER, null, passwords);
        return new Postgres(pg, new HashMap<>(passwords));
    }

    public int port() {
        return pg.getPort();
    }

    /** JDBC URL of the Timeflow database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DatabaseBootstrap.DATABASE;
    }

    public String password(String schema) {
        return passwords.get(schema);
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
