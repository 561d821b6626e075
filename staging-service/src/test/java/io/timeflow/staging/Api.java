package io.timeflow.staging;

import static io.restassured.RestAssured.given;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.timeflow.events.EventJson;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the API tests do again and again: set up environments and dSources, report restores, read events and rows. */
final class Api {

    static final String TOPIC = "timeflow.staging.v1";
    static final String FORK = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String WINDOWS_CONNECTOR = "C:\\Program Files\\Delphix\\DelphixConnector";
    static final String LINUX_CONNECTOR = "/opt/delphix/connector";

    private Api() {
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role)).contentType(ContentType.JSON);
    }

    static RequestSpecification admin() {
        return as("admin");
    }

    static RequestSpecification agent() {
        return as("agent");
    }

    /** A registered environment with one repository. */
    record Env(String id, String repositoryId) {
    }

    static Env environment(String osType) {
        String connector = osType.equals("WINDOWS") ? WINDOWS_CONNECTOR : LINUX_CONNECTOR;
        String id = admin().body("""
                        {"name": "env-%s", "host": "sqlstage.corp.example", "osType": "%s", "timeZone": "Europe/Paris",
                         "connectorPath": "%s"}""".formatted(UUID.randomUUID(), osType, json(connector)))
                .post("/api/v1/environments").then().statusCode(201).extract().path("id");
        String repo = admin().body("{\"name\": \"MSSQLSERVER\", \"version\": \"15.0.4153.1\", \"port\": 1433}")
                .post("/api/v1/environments/" + id + "/repositories").then().statusCode(201).extract().path("id");
        return new Env(id, repo);
    }

    /** A linked dSource. */
    record DS(String id, String name, String mountBase, Env env) {
        String file(String name) {
            return mountBase + (mountBase.contains("\\") ? "\\" : "/") + name;
        }
    }

    static String dsourceBody(String name, String database, String mode, Env env, String pluginId) {
        return """
                {"name": "%s", "stagingDatabaseName": "%s", "databaseStateMode": "%s", "environmentId": "%s",
                 "repositoryId": "%s", "notes": "test dSource"%s}""".formatted(name, database, mode, env.id(),
                env.repositoryId(), pluginId == null ? "" : ", \"pluginId\": \"" + pluginId + "\"");
    }

    static DS link(String mode) {
        return link(mode, environment("WINDOWS"), null);
    }

    static DS link(String mode, Env env, String pluginId) {
        String name = "ds-" + UUID.randomUUID();
        String database = "stg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var response = admin().body(dsourceBody(name, database, mode, env, pluginId))
                .post("/api/v1/dsources").then().statusCode(201).extract();
        return new DS(response.path("id"), name, response.path("mountBase"), env);
    }

    // ---- restores

    static String backupSet(String type, String first, String last, String checkpoint, String databaseBackup) {
        StringBuilder b = new StringBuilder("{\"type\": \"").append(type).append("\"")
                .append(", \"backupFileLocation\": \"\\\\\\\\10-43-89-18\\\\Backup\\\\sp.bak\"");
        if (first != null) {
            b.append(", \"firstLsn\": \"").append(first).append("\"");
        }
        if (last != null) {
            b.append(", \"lastLsn\": \"").append(last).append("\"");
        }
        if (checkpoint != null) {
            b.append(", \"checkpointLsn\": \"").append(checkpoint).append("\"");
        }
        if (databaseBackup != null) {
            b.append(", \"databaseBackupLsn\": \"").append(databaseBackup).append("\"");
        }
        if (!type.equals("BACPAC")) {
            b.append(", \"recoveryForkGuid\": \"").append(FORK).append("\"");
        }
        return b.append(", \"backupStartedAt\": \"2026-11-23T07:50:00Z\", \"backupFinishedAt\": \"2026-11-23T07:50:10Z\"")
                .append(", \"sourceReadOnly\": false}").toString();
    }

    static String start(String backupSet, boolean replace, boolean norecovery) {
        return "{\"backupSet\": " + backupSet + ", \"replace\": " + replace + ", \"norecovery\": " + norecovery + "}";
    }

    static String full(String first, String last, String checkpoint) {
        return start(backupSet("FULL", first, last, checkpoint, null), true, true);
    }

    static String log(String first, String last) {
        return start(backupSet("LOG", first, last, null, null), false, true);
    }

    static String diff(String first, String last, String databaseBackup) {
        return start(backupSet("DIFFERENTIAL", first, last, null, databaseBackup), false, true);
    }

    static String completion(DS ds) {
        return "{\"files\": [\"" + json(ds.file("sp.mdf")) + "\", \"" + json(ds.file("sp_log.ldf")) + "\"]}";
    }

    /** Starts a restore and returns its id (201 expected). */
    static String started(DS ds, String body) {
        return agent().body(body).post("/api/v1/dsources/" + ds.id() + "/restores")
                .then().statusCode(201).extract().path("id");
    }

    /** Starts and completes a restore; returns its id. */
    static String restored(DS ds, String body) {
        String id = started(ds, body);
        agent().body(completion(ds)).post("/api/v1/dsources/" + ds.id() + "/restores/" + id + "/complete")
                .then().statusCode(200);
        return id;
    }

    // ---- events and rows

    /** The event of this type about this aggregate, as a consumer of the topic sees it. */
    static <T extends TimeflowEvent> T event(String key, String type, Class<T> record) {
        return EventJson.read(seen(key, type).value(), record);
    }

    static TopicProbe.Seen seen(String key, String type) {
        return TopicProbe.await(TOPIC, r -> key.equals(r.key()) && type.equals(r.type()), Duration.ofSeconds(30));
    }

    /** The event of this type about this aggregate whose payload has {@code field} equal to {@code value}. */
    static TopicProbe.Seen seen(String key, String type, String field, String value) {
        return TopicProbe.await(TOPIC, r -> key.equals(r.key()) && type.equals(r.type())
                && value.equals(payload(r).path(field).asText()), Duration.ofSeconds(30));
    }

    static com.fasterxml.jackson.databind.JsonNode payload(TopicProbe.Seen seen) {
        try {
            return EventJson.mapper().readTree(seen.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every event about this aggregate, in topic order, up to and including a marker event of the given type. */
    static List<String> typesUntil(String key, String lastType) {
        List<String> types = new ArrayList<>();
        for (TopicProbe.Seen s : TopicProbe.readUntil(TOPIC, r -> key.equals(r.key()) && lastType.equals(r.type()),
                Duration.ofSeconds(30))) {
            if (key.equals(s.key())) {
                types.add(s.type());
            }
        }
        return types;
    }

    static long count(AgroalDataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows in the outbox about an aggregate: a refused request must not add any. */
    static long outboxRows(AgroalDataSource db, String aggregateId) {
        return count(db, "select count(*) from outbox where aggregate_id = ?", aggregateId);
    }

    static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
