package io.timeflow.backup.bench;

import io.timeflow.backup.archive.ArchiveWriter;
import io.timeflow.backup.archive.KeySource;
import io.timeflow.backup.archive.Manifest;
import io.timeflow.backup.engine.ConnectionFactory;
import io.timeflow.backup.engine.SchemaSwap;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteLoader;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.platform.maintenance.Maintenance;
import io.timeflow.testing.DatabaseBootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Backup and restore of about 1 GB of control-plane-shaped rows, beside {@code pg_dump -Fc} and
 * {@code pg_restore} of the same data in the same run. Prints figures; asserts nothing about time.
 *
 * <p>pg_dump can only dump servers of its own major version or older, and the machine's client tools
 * are PostgreSQL 15 (no pg_dump 17 ships in a package this machine can reach), so the benchmark runs
 * its own PostgreSQL from the same installation as the pg_dump it compares with:
 * {@code -Dbenchmark.pgbin=/usr/lib/postgresql/15/bin} (the default). As root it runs the server as
 * the {@code postgres} user. {@code -Dbenchmark.scale=1.0} sets the size (1.0 is about 1.1 GB).
 *
 * <pre>mvn -Pbenchmark -pl backup-service -am verify</pre>
 */
@Tag("benchmark")
class BackupBenchmark {

    static final String PASSWORD = "benchmark";
    static final List<String> SCHEMAS = List.of("staging", "snapshot");

    @Test
    void backupAndRestoreBesidePgDumpAndPgRestore() throws Exception {
        Path bin = Path.of(System.getProperty("benchmark.pgbin", "/usr/lib/postgresql/15/bin"));
        double scale = Double.parseDouble(System.getProperty("benchmark.scale", "1.0"));
        Path work = Files.createTempDirectory("timeflow-bench-");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> figures = new LinkedHashMap<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        try (Server server = Server.start(bin, work, port)) {
            Map<String, String> passwords = new LinkedHashMap<>();
            DatabaseBootstrap.SCHEMAS.forEach(s -> passwords.put(s, PASSWORD));
            DatabaseBootstrap.apply("localhost", port, "postgres", null, passwords);
            String url = "jdbc:postgresql://localhost:" + port + "/timeflow";
            SuiteMigrations migrations = SuiteMigrations.bundled();
            for (String schema : SCHEMAS) {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(url);
                ds.setUser("timeflow_" + schema);
                ds.setPassword(PASSWORD);
                migrations.migrate(ds, schema, schema, null, x -> true);
            }
            long t0 = System.nanoTime();
            fill(url, scale);
            figures.put("data generated", seconds(t0));
            figures.put("database size", mb(size(url, "select pg_database_size('timeflow')")));
            long tableData = size(url, "select sum(pg_table_size(c.oid)) from pg_class c join pg_namespace n "
                    + "on n.oid = c.relnamespace where n.nspname in ('staging', 'snapshot') and c.relkind = 'r'");
            figures.put("table data (heap+toast, no indexes)", mb(tableData));
            numbers.put("tableDataBytes", tableData);
            try (Connection c = superuser(url); Statement s = c.createStatement()) {
                s.execute("vacuum analyze");
                s.execute("checkpoint");
            }
            String pgVersion = run(List.of(bin.resolve("pg_dump").toString(), "--version"), null).trim();
            figures.put("PostgreSQL (server and pg_dump)", pgVersion);
            numbers.put("postgres", pgVersion.replace("pg_dump (PostgreSQL) ", "PostgreSQL "));

            // pg_dump -Fc of the same schemas
            Path dump = work.resolve("suite.dump");
            t0 = System.nanoTime();
            run(List.of(bin.resolve("pg_dump").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-Fc", "-n", "staging", "-n", "snapshot", "-f", dump.toString(), "timeflow"), null);
            numbers.put("pgDumpFcSeconds", secondsOf(t0));
            figures.put("pg_dump -Fc: time", seconds(t0));
            figures.put("pg_dump -Fc: size", mb(Files.size(dump)));
            numbers.put("pgDumpFcBytes", Files.size(dump));

            // pg_dump -Fd -j 2: a directory dump, one table per job, what pg_restore -j needs
            Path directory = work.resolve("suite.dir");
            t0 = System.nanoTime();
            run(List.of(bin.resolve("pg_dump").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-Fd", "-j", "2", "-n", "staging", "-n", "snapshot", "-f", directory.toString(), "timeflow"), null);
            numbers.put("pgDumpFdJ2Seconds", secondsOf(t0));
            figures.put("pg_dump -Fd -j 2: time", seconds(t0));

            // backup-service's archive (the defaults: zstd level 1 with one worker, AES-256-GCM)
            Path archive = work.resolve("suite.tfbk");
            KeySource keys = KeySource.passphrase("benchmark passphrase".toCharArray(), 600_000);
            ConnectionFactory sessions = label -> {
                Properties p = new Properties();
                p.setProperty("user", "timeflow_backup");
                p.setProperty("password", PASSWORD);
                p.setProperty("ApplicationName", label);
                return DriverManager.getConnection(url, p);
            };
            t0 = System.nanoTime();
            Manifest manifest;
            try (Connection c = sessions.open("bench-backup"); OutputStream out = Files.newOutputStream(archive)) {
                SuiteDumper dumper = SuiteDumper.begin(c, SCHEMAS);
                try (ArchiveWriter w = ArchiveWriter.open(out, keys, UUID.randomUUID().toString(), "0.1.0",
                        dumper.snapshotAt(), 1, 1)) {
                    manifest = dumper.writeTo(w, "0.1.0", new byte[32], "0000000000000000");
                } finally {
                    dumper.close();
                }
            }
            numbers.put("backupSeconds", secondsOf(t0));
            figures.put("backup-service backup: time (incl. 600k-iteration KDF)", seconds(t0));
            figures.put("backup-service backup: size", mb(Files.size(archive)));
            numbers.put("backupBytes", Files.size(archive));
            figures.put("rows", String.valueOf(manifest.totalRows()));

            // pg_restore of the dump into a new database
            try (Connection c = superuser(url.replace("/timeflow", "/postgres")); Statement s = c.createStatement()) {
                s.execute("create database timeflow_pg_restore");
            }
            quiet(url);
            t0 = System.nanoTime();
            run(List.of(bin.resolve("pg_restore").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-d", "timeflow_pg_restore", dump.toString()), null);
            numbers.put("pgRestoreSeconds", secondsOf(t0));
            figures.put("pg_restore (into a new database): time", seconds(t0));
            // each restore measured alone: the one before is dropped (no autovacuum of its tables runs beside the
            // next), and what it left in the buffers is written out first
            try (Connection c = superuser(url.replace("/timeflow", "/postgres")); Statement s = c.createStatement()) {
                s.execute("drop database timeflow_pg_restore");
                s.execute("create database timeflow_pg_restore_j2");
            }
            quiet(url);
            t0 = System.nanoTime();
            run(List.of(bin.resolve("pg_restore").toString(), "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres",
                    "-j", "2", "-d", "timeflow_pg_restore_j2", directory.toString()), null);
            numbers.put("pgRestoreJ2Seconds", secondsOf(t0));
            figures.put("pg_restore -j 2 of the -Fd dump (into a new database): time", seconds(t0));
            try (Connection c = superuser(url.replace("/timeflow", "/postgres")); Statement s = c.createStatement()) {
                s.execute("drop database timeflow_pg_restore_j2");
            }
            quiet(url);

            // backup-service's restore: verify, load beside the live schemas (migrations, COPY, sequences,
            // analyze), then the atomic swap under the quiesce locks
            t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(archive)) {
                io.timeflow.backup.archive.ArchiveReader.read(in, keys, io.timeflow.backup.archive.ArchiveReader.VERIFY);
            }
            numbers.put("verifySeconds", secondsOf(t0));
            figures.put("backup-service verify alone (POST .../verification): time", seconds(t0));
            long t1 = System.nanoTime();
            String suffix = "bench";
            StepClock steps = new StepClock();
            try (InputStream in = Files.newInputStream(archive)) {
                new SuiteLoader(sessions, migrations).load(in, keys, suffix,
                        new Maintenance("RESTORE", "bench", "benchmark", Instant.now(), Instant.now()), steps);
            }
            steps.end("ANALYZE");
            numbers.put("loadSeconds", secondsOf(t1));
            figures.put("backup-service load beside the live schemas (verifies as it reads): time", seconds(t1));
            steps.spent().forEach((step, nanos) -> figures.put("  of which " + step,
                    String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9)));
            long t2 = System.nanoTime();
            try (Connection c = sessions.open("bench"); Statement s = c.createStatement()) {
                s.execute("create table if not exists restore (id uuid primary key, swapped_at timestamptz)");
            }
            UUID restoreId = UUID.randomUUID();
            try (SchemaSwap swap = SchemaSwap.quiesce(sessions, "bench-swap", SCHEMAS, java.time.Duration.ofSeconds(30))) {
                swap.swap(SCHEMAS, suffix, restoreId);
            }
            numbers.put("swapSeconds", secondsOf(t2));
            numbers.put("restoreSeconds", secondsOf(t1));
            figures.put("backup-service swap (locks, renames, drop of the old schemas): time", seconds(t2));
            figures.put("backup-service restore = load + swap (without the safety backup): time", seconds(t1));
            figures.put("rows after restore", String.valueOf(size(url,
                    "select (select count(*) from staging.outbox) + (select count(*) from staging.environment)"
                            + " + (select count(*) from snapshot.inbox) + (select count(*) from snapshot.target_environment)"
                            + " + (select count(*) from snapshot.outbox) + (select count(*) from staging.inbox)"
                            + " + (select count(*) from staging.outbox_bucket) + (select count(*) from snapshot.outbox_bucket)")));
        } finally {
            deleteQuietly(work);
        }
        System.out.println();
        System.out.println("==== BackupBenchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ====");
        figures.forEach((k, v) -> System.out.printf("  %-70s %s%n", k, v));
        System.out.println();
        String json = System.getProperty("benchmark.json");
        if (json != null && !json.isBlank()) {
            // the figures for ./timeflow bench's table
            Files.writeString(Path.of(json), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(numbers));
        }
    }

    /**
     * Where a load's time goes: the time from one progress step to the next is its first step's (a table's
     * copy is named by its table), and what follows the last step is named by {@link #end}.
     */
    static final class StepClock implements java.util.function.Consumer<SuiteLoader.Progress> {
        private final Map<String, Long> spent = new LinkedHashMap<>();
        private String current = "OPEN (key derivation, manifest)";
        private long since = System.nanoTime();

        @Override
        public void accept(SuiteLoader.Progress p) {
            end("LOAD_TABLE".equals(p.step()) ? "COPY " + p.schema() + "." + p.table() : p.step());
        }

        void end(String next) {
            long now = System.nanoTime();
            if (current != null) {
                spent.merge(current, now - since, Long::sum);
            }
            current = next;
            since = now;
        }

        /** Steps of at least 50 ms, in the order first met. */
        Map<String, Long> spent() {
            Map<String, Long> shown = new LinkedHashMap<>();
            spent.forEach((step, nanos) -> {
                if (nanos >= 50_000_000L) {
                    shown.put(step, nanos);
                }
            });
            return shown;
        }
    }

    /** Control-plane-shaped rows: environments and their projection, outbox events with ~1.3 KB JSON, inbox rows. */
    static void fill(String url, double scale) throws SQLException {
        int environments = (int) (200_000 * scale);
        int events = (int) (450_000 * scale);
        int inbox = (int) (1_500_000 * scale);
        try (Connection c = superuser(url); Statement s = c.createStatement()) {
            s.execute("""
                    insert into staging.environment (id, name, host, os_type, time_zone, connector_path, created_at, updated_at)
                    select gen_random_uuid(), 'sqlstage-' || i, 'sqlstage-' || i || '.corp.example',
                           case when i %% 3 = 0 then 'LINUX' else 'WINDOWS' end,
                           (array['Europe/Paris','Asia/Tokyo','America/New_York','UTC'])[1 + i %% 4],
                           'C:\\Program Files\\Delphix\\DelphixConnector\\' || md5(i::text),
                           now() - (i || ' minutes')::interval, now()
                    from generate_series(1, %d) i""".formatted(environments));
            s.execute("""
                    insert into snapshot.target_environment (id, name, host, os_type, time_zone, connector_path, registered_at,
                        last_event_id, updated_at)
                    select id, name, host, os_type, time_zone, connector_path, created_at, gen_random_uuid()::text, updated_at
                    from staging.environment""");
            for (String schema : SCHEMAS) {
                s.execute("""
                        insert into %s.outbox (event_id, topic, event_type, aggregate_type, aggregate_id, bucket, payload,
                            trace_parent, actor, actor_role, created_at, published_at)
                        select gen_random_uuid(), 'timeflow.staging.v1', 'io.timeflow.staging.restore.completed.v1', 'dsource',
                               d::text, (i %% 16)::smallint,
                               jsonb_build_object('dsourceId', d, 'restoreId', gen_random_uuid(),
                                   'backupSet', jsonb_build_object('type', (array['FULL','DIFFERENTIAL','LOG'])[1 + i %% 3],
                                       'location', '\\\\backupsrv\\sql\\' || md5(i::text) || '.bak',
                                       'firstLsn', (i::numeric * 1000000000000 + 17)::text,
                                       'lastLsn', (i::numeric * 1000000000000 + 90017)::text,
                                       'checkpointLsn', (i::numeric * 1000000000000 + 40017)::text,
                                       'databaseBackupLsn', (i::numeric * 1000000000000)::text,
                                       'recoveryForkGuid', md5('fork' || (i / 1000))::uuid,
                                       'options', jsonb_build_array('REPLACE', 'NORECOVERY')),
                                   'files', jsonb_build_array(
                                       'C:\\Program Files\\Delphix\\DelphixConnector\\' || md5(d::text) || '-Staging-1\\DATA\\DB\\sales.mdf',
                                       'C:\\Program Files\\Delphix\\DelphixConnector\\' || md5(d::text) || '-Staging-1\\DATA\\DB\\sales_log.ldf',
                                       'C:\\Program Files\\Delphix\\DelphixConnector\\' || md5(d::text) || '-Staging-1\\DATA\\DB\\sales_2.ndf'),
                                   'startedAt', now() - (i || ' seconds')::interval, 'finishedAt', now(),
                                   'notes', repeat(md5(i::text), 6)),
                               '00-' || md5(i::text) || md5(d::text)::varchar(16) || '-01', 'agent-' || (i %% 50), 'agent',
                               now() - (i || ' seconds')::interval, now()
                        from (select i, gen_random_uuid() d from generate_series(1, %d) i) x""".formatted(schema, events / 2));
            }
            s.execute("""
                    insert into snapshot.inbox (consumer, event_id, event_type, processed_at)
                    select 'snapshot-service.staging-events', gen_random_uuid()::text,
                           (array['io.timeflow.staging.restore.completed.v1','io.timeflow.staging.dsource.linked.v1',
                                  'io.timeflow.staging.database.state-changed.v1'])[1 + i %% 3],
                           now() - (i || ' seconds')::interval
                    from generate_series(1, %d) i""".formatted(inbox));
        }
    }

    /** Writes out what the steps before left in the buffers, so that the next step's time is its own. */
    static void quiet(String url) throws SQLException {
        try (Connection c = superuser(url); Statement s = c.createStatement()) {
            s.execute("checkpoint");
        }
    }

    static long size(String url, String sql) throws SQLException {
        try (Connection c = superuser(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection superuser(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(url, p);
    }

    static double secondsOf(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String seconds(long since) {
        return String.format("%.1f s", (System.nanoTime() - since) / 1e9);
    }

    static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1e6);
    }

    static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /** A PostgreSQL server from the given installation, with durable settings, as postgres when run as root. */
    record Server(Path bin, Path data, Path log, List<String> asUser) implements AutoCloseable {

        static Server start(Path bin, Path work, int port) throws Exception {
            Path data = work.resolve("data");
            Path log = work.resolve("server.log");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> asUser = root
                    ? List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups")
                    : List.of();
            Server server = new Server(bin, data, log, asUser);
            server.exec(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--no-sync"));
            server.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                    "-o", "-p " + port + " -c listen_addresses=localhost -c fsync=on -c synchronous_commit=on"
                            + " -c shared_buffers=256MB -c max_wal_size=2GB -c unix_socket_directories=" + work,
                    "start"));
            return server;
        }

        void exec(List<String> command) throws Exception {
            List<String> full = new ArrayList<>(asUser);
            full.addAll(command);
            run(full, null);
        }

        @Override
        public void close() throws Exception {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }
}
