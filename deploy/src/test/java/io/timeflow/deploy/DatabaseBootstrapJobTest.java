package io.timeflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timeflow.testing.DatabaseBootstrap;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's optional bootstrap Job, run for real: its container command and SQL (from the
 * rendered ConfigMap), its environment (literal values and the chart-rendered Secrets it points
 * at), against a fresh PostgreSQL 17, with the same psql client contract as the Job's image.
 * What it leaves behind (roles, memberships, schemas and owners, privileges, search paths) must
 * be exactly what {@link DatabaseBootstrap} leaves on another fresh server, and running it again
 * must change nothing.
 *
 * <p>Needs a {@code psql} (15 or newer, for {@code \getenv}) on the PATH, as the Job's image has.
 */
class DatabaseBootstrapJobTest {

    private static final Chart.Scenario SCENARIO = Chart.ciScenarios().stream()
            .filter(s -> s.name().equals("inline-secrets")).findFirst().orElseThrow();

    private static EmbeddedPostgres byJob;
    private static EmbeddedPostgres byBootstrap;
    private static Path work;

    @BeforeAll
    static void startTwoFreshServers() throws IOException {
        assumeThat(psqlVersion()).as("psql 15 or newer on the PATH").isGreaterThanOrEqualTo(15);
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "db-bootstrap-");
        byJob = start(work.resolve("job"));
        byBootstrap = start(work.resolve("bootstrap"));
    }

    private static EmbeddedPostgres start(Path dir) throws IOException {
        Files.createDirectories(dir);
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data")).setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(work.resolve("pg-binaries").toFile()).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (byJob != null) {
            byJob.close();
        }
        if (byBootstrap != null) {
            byBootstrap.close();
        }
    }

    @Test
    void theJobCreatesWhatDatabaseBootstrapCreatesAndRunningItAgainChangesNothing() throws Exception {
        Manifests m = Manifests.of(SCENARIO);
        ObjectNode job = m.find("Job", "timeflow-db-bootstrap").orElseThrow();
        ObjectNode config = m.find("ConfigMap", "timeflow-db-bootstrap").orElseThrow();

        Map<String, String> passwords = runJob(m, job, config);
        assertThat(passwords).containsOnlyKeys(DatabaseBootstrap.SCHEMAS);
        DatabaseBootstrap.apply("localhost", byBootstrap.getPort(), "postgres", null, passwords);

        List<String> afterJob = catalog(byJob.getPort());
        assertThat(afterJob).as("the Job's result").isEqualTo(catalog(byBootstrap.getPort()));
        assertThat(afterJob).filteredOn(r -> r.startsWith("role |")).hasSize(4);
        assertThat(afterJob).filteredOn(r -> r.startsWith("member | timeflow_") && r.contains("| timeflow_backup |")).hasSize(3);
        assertThat(afterJob).filteredOn(r -> r.startsWith("schema |")).hasSize(5);
        assertThat(afterJob).filteredOn(r -> r.startsWith("setting |")).hasSize(4);

        runJob(m, job, config);
        assertThat(catalog(byJob.getPort())).as("a second run").isEqualTo(afterJob);

        for (String schema : DatabaseBootstrap.SCHEMAS) {
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + byJob.getPort() + "/timeflow", "timeflow_" + schema, passwords.get(schema));
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select current_schema()")) {
                rs.next();
                assertThat(rs.getString(1)).as("timeflow_%s logs in with its Secret's password into its schema", schema)
                        .isEqualTo(schema);
            }
        }
    }

    /**
     * Runs the Job's container command as the Job would: its env with secretKeyRefs resolved from
     * the rendered Secrets (the administrator is the test server's superuser), /sql from the
     * ConfigMap. Only the server address differs. Returns the role passwords it set.
     */
    private static Map<String, String> runJob(Manifests m, ObjectNode job, ObjectNode config) throws Exception {
        JsonNode container = Manifests.mainContainer(job);
        Path sql = work.resolve("sql");
        Files.createDirectories(sql);
        config.path("data").properties().forEach(e -> {
            try {
                Files.writeString(sql.resolve(e.getKey()), e.getValue().asText(), StandardCharsets.UTF_8);
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        });
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            String value;
            if (e.has("value")) {
                value = e.path("value").asText();
            } else {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                value = ref.path("name").asText().equals("timeflow-postgresql-admin")
                        ? (ref.path("key").asText().equals("username") ? "postgres" : "")
                        : secretValue(m, ref.path("name").asText(), ref.path("key").asText());
            }
            env.put(name, value);
            if (name.endsWith("_PASSWORD") && name.startsWith("TIMEFLOW_")) {
                passwords.put(name.substring("TIMEFLOW_".length(), name.length() - "_PASSWORD".length()).toLowerCase(), value);
            }
        }
        env.put("PGHOST", "localhost");
        env.put("PGPORT", String.valueOf(byJob.getPort()));
        List<String> command = new ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText().replace("/sql/", sql + "/")));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the Job's command: %s", out).isZero();
        assertThat(out).contains("roles and schemas in place");
        passwords.values().forEach(pw -> assertThat(out).as("the Job never prints a password").doesNotContain(pw));
        return passwords;
    }

    private static String secretValue(Manifests m, String name, String key) {
        ObjectNode secret = m.find("Secret", name).orElseThrow(() -> new AssertionError("Secret " + name + " is not rendered"));
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    /** What an administrator would inspect: roles, memberships, databases, schemas, privileges, settings. */
    private static List<String> catalog(int port) throws SQLException {
        List<String> rows = new ArrayList<>();
        String[] queries = {
            "select 'role', rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolpassword is not null"
                    + " from pg_authid where rolname like 'timeflow%' order by 2",
            "select 'member', r.rolname, m.rolname, a.admin_option from pg_auth_members a"
                    + " join pg_roles r on r.oid = a.roleid join pg_roles m on m.oid = a.member"
                    + " where m.rolname like 'timeflow%' order by 2, 3",
            "select 'database', datname, pg_get_userbyid(datdba), datacl::text from pg_database where datname = 'timeflow'",
            "select 'setting', r.rolname, s.setconfig::text from pg_db_role_setting s join pg_roles r on r.oid = s.setrole"
                    + " join pg_database d on d.oid = s.setdatabase where d.datname = 'timeflow' order by 2",
        };
        String[] inTimeflow = {
            "select 'schema', nspname, pg_get_userbyid(nspowner), coalesce(nspacl::text, '')"
                    + " from pg_namespace where nspname in ('public', 'staging', 'snapshot', 'plugin', 'backup') order by 2",
        };
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null)) {
            collect(c, queries, rows);
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/timeflow", "postgres", null)) {
            collect(c, inTimeflow, rows);
        }
        return rows;
    }

    private static void collect(Connection c, String[] queries, List<String> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : queries) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(i > 1 ? " | " : "").append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
    }

    private static int psqlVersion() {
        try {
            Process p = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("(\\d+)\\.").matcher(out);
            return v.find() ? Integer.parseInt(v.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
