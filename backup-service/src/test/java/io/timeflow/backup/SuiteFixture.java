package io.timeflow.backup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.timeflow.backup.engine.Catalog;
import io.timeflow.backup.engine.Sql;
import io.timeflow.backup.engine.SuiteDumper;
import io.timeflow.backup.engine.SuiteMigrations;
import io.timeflow.testing.Infra;
import io.timeflow.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The rest of the suite as backup-service sees it in its tests: the staging and snapshot schemas,
 * migrated by their services' own scripts as their roles (as the services do at start), filled with
 * realistic rows, and compared table by table (every table of every schema, so tables that other
 * services add later are covered without changing the tests).
 */
public final class SuiteFixture {

    /** The service schemas that exist on this branch. */
    public static final List<String> SCHEMAS = List.of("staging", "snapshot");
    private static boolean migrated;

    private SuiteFixture() {
    }

    public static synchronized void migrateServiceSchemas() throws SQLException {
        if (migrated) {
            return;
        }
        SuiteMigrations migrations = SuiteMigrations.bundled();
        for (String schema : SCHEMAS) {
            migrations.migrate(roleDataSource(Infra.postgres().jdbcUrl(), schema), schema, schema, null, s -> true);
        }
        migrated = true;
    }

    public static PGSimpleDataSource roleDataSource(String url, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("timeflow_" + schema);
        ds.setPassword(Infra.ROLE_PASSWORD);
        return ds;
    }

    /** A superuser session on the Timeflow database (what an administrator, or a crash, can do). */
    public static Connection superuser() throws SQLException {
        return superuser(Infra.postgres().jdbcUrl());
    }

    public static Connection superuser(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(url, p);
    }

    /** Adds {@code n} environments to staging and their projection to snapshot, plus inbox and outbox rows. */
    public static void fill(Connection c, String prefix, int n) throws SQLException {
        try (PreparedStatement env = c.prepareStatement("""
                insert into staging.environment (id, name, host, os_type, time_zone, connector_path, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement target = c.prepareStatement("""
                insert into snapshot.target_environment (id, name, host, os_type, time_zone, connector_path, registered_at,
                    last_event_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement inbox = c.prepareStatement(
                        "insert into snapshot.inbox (consumer, event_id, event_type) values (?, ?, ?)");
                PreparedStatement outbox = c.prepareStatement("""
                insert into staging.outbox (event_id, topic, event_type, aggregate_type, aggregate_id, bucket, payload)
                values (?, 'timeflow.staging.v1', 'io.timeflow.staging.environment.registered.v1', 'environment', ?, 0,
                        cast(? as jsonb))""")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                String name = prefix + "-" + i;
                Timestamp at = Timestamp.from(Instant.parse("2026-11-20T08:00:00Z").plusSeconds(i));
                env.setObject(1, id);
                env.setString(2, name);
                env.setString(3, "sqlstage-" + i + ".corp.example");
                env.setString(4, i % 3 == 0 ? "LINUX" : "WINDOWS");
                env.setString(5, i % 2 == 0 ? "Europe/Paris" : "Asia/Tokyo");
                env.setString(6, "C:\\Program Files\\Delphix\\DelphixConnector\\" + i);
                env.setTimestamp(7, at);
                env.setTimestamp(8, at);
                env.addBatch();
                String eventId = UUID.randomUUID().toString();
                target.setObject(1, id);
                target.setString(2, name);
                target.setString(3, "sqlstage-" + i + ".corp.example");
                target.setString(4, i % 3 == 0 ? "LINUX" : "WINDOWS");
                target.setString(5, i % 2 == 0 ? "Europe/Paris" : "Asia/Tokyo");
                target.setString(6, "C:\\Program Files\\Delphix\\DelphixConnector\\" + i);
                target.setTimestamp(7, at);
                target.setString(8, eventId);
                target.setTimestamp(9, at);
                target.addBatch();
                inbox.setString(1, "snapshot-service.staging-events");
                inbox.setString(2, eventId);
                inbox.setString(3, "io.timeflow.staging.environment.registered.v1");
                inbox.addBatch();
                outbox.setObject(1, UUID.fromString(eventId));
                outbox.setString(2, id.toString());
                outbox.setString(3, "{\"environmentId\": \"" + id + "\", \"name\": \"" + name + "\"}");
                outbox.addBatch();
            }
            env.executeBatch();
            target.executeBatch();
            inbox.executeBatch();
            outbox.executeBatch();
        }
    }

    /**
     * Every table of every given schema (but Flyway's history and the maintenance flag) with its row
     * count and a digest of its rows in a stable order; plus each sequence's value.
     */
    public static Map<String, String> contents(Connection c, List<String> schemas) throws SQLException {
        Map<String, String> all = new TreeMap<>();
        for (String schema : schemas) {
            Catalog.SchemaShape shape = Catalog.shapeOf(c, schema, SuiteDumper.NOT_BACKED_UP);
            if (shape == null) {
                continue;
            }
            for (Catalog.Table t : shape.tables()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select count(*), md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from "
                                + Sql.qualified(schema, t.name()) + " x")) {
                    rs.next();
                    all.put(schema + "." + t.name(), rs.getLong(1) + " rows, " + rs.getString(2));
                }
            }
            for (String seq : shape.sequences()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "select last_value from " + Sql.qualified(schema, seq))) {
                    rs.next();
                    all.put(schema + "." + seq + " (sequence)", String.valueOf(rs.getLong(1)));
                }
            }
        }
        return all;
    }

    /** What {@link #sealedDSource} stored: the dSource and its hook command, the API key and its secret. */
    public record Sealed(UUID dsourceId, String hookCommand, UUID apiKeyId, String apiKeySecret) {
    }

    /**
     * A dSource (with its environment and instance) whose hooks are sealed with {@code dataKey}, as
     * staging-service seals them, and an API key digested with it, as an earlier version recorded it (no
     * key id): what another installation's backup brings.
     */
    public static Sealed sealedDSource(Connection c, byte[] dataKey) throws SQLException {
        UUID env = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        UUID ds = UUID.randomUUID();
        String name = "sealed-" + ds.toString().substring(0, 8);
        String command = "SQLCMDPASSWORD=" + UUID.randomUUID() + " sqlcmd -i restore.sql";
        String hooks = io.timeflow.platform.crypto.SecretCipher.of(dataKey).seal(
                "[{\"phase\":\"PRE_SYNC\",\"name\":\"restore\",\"shell\":\"BASH\",\"command\":\"" + command + "\"}]",
                "staging.dsource/" + ds + "/hooks");
        Timestamp at = Timestamp.from(Instant.parse("2026-11-20T08:00:00Z"));
        try (PreparedStatement e = c.prepareStatement("""
                insert into staging.environment (id, name, host, os_type, time_zone, connector_path, created_at, updated_at)
                values (?, ?, ?, 'WINDOWS', 'UTC', 'C:\\Delphix', ?, ?)""");
                PreparedStatement i = c.prepareStatement("""
                insert into staging.sql_instance (id, environment_id, name, created_at) values (?, ?, 'MSSQLSERVER', ?)""");
                PreparedStatement d = c.prepareStatement("""
                insert into staging.dsource (id, name, plugin_id, staging_database_name, database_state_mode, attached_state_mode,
                    environment_id, repository_id, hooks, container_id, mount_os, mount_base, enabled, attached, attach_status,
                    storage_state, created_at, updated_at)
                values (?, ?, 'mssql-staging-push', ?, 'RESTORING', 'RESTORING', ?, ?, ?, nextval('staging.dsource_container_id'),
                    'WINDOWS', 'C:\\Delphix\\mount', true, true, 'ATTACHED', 'RUNNING', ?, ?)""")) {
            e.setObject(1, env);
            e.setString(2, name);
            e.setString(3, name + ".corp.example");
            e.setTimestamp(4, at);
            e.setTimestamp(5, at);
            e.executeUpdate();
            i.setObject(1, instance);
            i.setObject(2, env);
            i.setTimestamp(3, at);
            i.executeUpdate();
            d.setObject(1, ds);
            d.setString(2, name);
            d.setString(3, name.replace('-', '_'));
            d.setObject(4, env);
            d.setObject(5, instance);
            d.setString(6, hooks);
            d.setTimestamp(7, at);
            d.setTimestamp(8, at);
            d.executeUpdate();
        }
        UUID keyId = UUID.randomUUID();
        String secret = io.timeflow.platform.security.apikey.ApiKeyFormat.secretOf(
                io.timeflow.platform.security.apikey.ApiKeyFormat.newKey(keyId));
        String digest = java.util.HexFormat.of().formatHex(hmac(io.timeflow.platform.crypto.KeyRing.digestKeyOf(dataKey),
                secret));
        try (PreparedStatement k = c.prepareStatement("""
                insert into staging.api_key (key_id, name, role, digest, created_by, created_at)
                values (?, ?, 'agent', ?, 'admin-user', now())""")) {
            k.setObject(1, keyId);
            k.setString(2, name);
            k.setString(3, digest);
            k.executeUpdate();
        }
        return new Sealed(ds, command, keyId, secret);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the key ring tables (a test rotated the key): the installation key is the only key again. */
    public static void forgetKeyRings() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (String schema : List.of("staging", "snapshot", "backup")) {
                s.execute("delete from " + schema + ".data_key");
            }
        }
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits for a job (backup or restore) to end; returns its JSON. */
    public static JsonPath awaitJob(String path) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = given().auth().oauth2(TestTokens.admin()).get(path).then().statusCode(200).extract().jsonPath();
            String state = last[0].getString("state");
            return !state.equals("PENDING") && !state.equals("RUNNING");
        });
        return last[0];
    }

    /** Takes a backup through the API and waits for it; returns its id. */
    public static String backup() {
        String location = given().auth().oauth2(TestTokens.forRoles("backup-admin")).when().post("/api/v1/backups")
                .then().statusCode(202).extract().header("Location");
        JsonPath done = awaitJob(location.substring(location.indexOf("/api/")));
        if (!done.getString("state").equals("SUCCEEDED")) {
            throw new AssertionError("backup failed: " + done.prettify());
        }
        return done.getString("id");
    }

    public static Map<String, String> liveContents() throws SQLException {
        try (Connection c = superuser()) {
            return contents(c, SCHEMAS);
        }
    }
}
