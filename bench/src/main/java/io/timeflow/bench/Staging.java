package io.timeflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.UUID;

/**
 * What a staging host tells staging-service: an environment, dSources linked in RESTORING mode, the staging
 * database observed, and restores reported in two steps (start with the backup set, then complete with the files
 * written) along a contiguous log chain of 22-digit LSNs, as on a long-lived SQL Server database.
 */
final class Staging {

    static final String FORK = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    static final String CONNECTOR = "C:\\Program Files\\Delphix\\DelphixConnector";
    static final BigInteger FULL_LAST = new BigInteger("1000000000000000001000");
    static final BigInteger STEP = BigInteger.valueOf(1000);

    /** A dSource and where its log chain stands. Used by one client thread at a time. */
    static final class DSource {
        final String id;
        final String mountBase;
        BigInteger position = FULL_LAST;

        DSource(String id, String mountBase) {
            this.id = id;
            this.mountBase = mountBase;
        }

        String completion() {
            return "{\"files\": [" + Http.quote(mountBase + "\\sp.mdf") + ", " + Http.quote(mountBase + "\\sp_log.ldf")
                    + "]}";
        }
    }

    private final String api;

    Staging(String api) {
        this.api = api;
    }

    /** An environment and its SQL Server instance. */
    record Env(String id, String repositoryId) {
    }

    Env environment(Http admin) throws Exception {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode env = admin.post(api + "/api/v1/environments", """
                {"name": "%s", "host": "%s.corp.example", "osType": "WINDOWS", "timeZone": "Europe/Paris",
                 "connectorPath": %s}""".formatted(name, name, Http.quote(CONNECTOR)), 201);
        String id = env.path("id").asText();
        JsonNode repository = admin.post(api + "/api/v1/environments/" + id + "/repositories",
                "{\"name\": \"MSSQLSERVER\", \"version\": \"15.0.4153.1\", \"port\": 1433}", 201);
        return new Env(id, repository.path("id").asText());
    }

    /** Links a RESTORING dSource and reports its first restore, a FULL WITH REPLACE. */
    DSource linkWithFull(Http admin, Http agent, Env env) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        JsonNode ds = admin.post(api + "/api/v1/dsources", """
                {"name": "bench-%s", "stagingDatabaseName": "stg_%s", "databaseStateMode": "RESTORING",
                 "environmentId": "%s", "repositoryId": "%s", "notes": "benchmark dSource"}"""
                .formatted(suffix, suffix, env.id(), env.repositoryId()), 201);
        DSource d = new DSource(ds.path("id").asText(), ds.path("mountBase").asText());
        String id = UUID.randomUUID().toString();
        agent.post(restores(d), start(id, "FULL", "1000000000000000000000", FULL_LAST.toString(),
                "1000000000000000000500", true), 201);
        agent.post(restores(d) + "/" + id + "/complete", d.completion(), 200);
        return d;
    }

    /** Reports the staging database RESTORING with its files on the mount (what SnapSync's prerequisites read). */
    void observed(Http agent, DSource d) throws Exception {
        agent.send("PUT", api + "/api/v1/dsources/" + d.id + "/staging-database",
                "{\"state\": \"RESTORING\", \"dataMounted\": true, \"files\": [" + Http.quote(d.mountBase + "\\sp.mdf")
                        + ", " + Http.quote(d.mountBase + "\\sp_log.ldf") + "]}", 200);
    }

    /** The next log backup of the dSource's chain, reported started then completed; the two calls' latencies. */
    long[] nextLog(Http agent, DSource d) throws Exception {
        String id = UUID.randomUUID().toString();
        BigInteger last = d.position.add(STEP);
        long started = agent.send("POST", restores(d), start(id, "LOG", d.position.toString(), last.toString(), null,
                false), 201).nanos();
        long completed = agent.send("POST", restores(d) + "/" + id + "/complete", d.completion(), 200).nanos();
        d.position = last;
        return new long[] {started, completed};
    }

    private String restores(DSource d) {
        return api + "/api/v1/dsources/" + d.id + "/restores";
    }

    private static String start(String restoreId, String type, String first, String last, String checkpoint,
            boolean replace) {
        return """
                {"restoreId": "%s", "backupSet": {"type": "%s", "backupFileLocation": "\\\\\\\\backup01\\\\sql\\\\sales_%s.bak",
                 "firstLsn": "%s", "lastLsn": "%s"%s, "recoveryForkGuid": "%s",
                 "backupStartedAt": "2026-11-23T07:50:00Z", "backupFinishedAt": "2026-11-23T07:50:10Z",
                 "sourceReadOnly": false}, "replace": %s, "norecovery": true}"""
                .formatted(restoreId, type, last, first, last,
                        checkpoint == null ? "" : ", \"checkpointLsn\": \"" + checkpoint + "\"", FORK, replace);
    }
}
