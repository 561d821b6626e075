package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.events.snapshot.SyncPolicyCreated;
import io.timeflow.events.staging.DSourceConverted;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The staging host's agent as staging-service sees it (ADR 0100, 0101): it registers its environment,
 * lists the dSources it serves, takes attach tasks and reports them. Enable attempts the attach through
 * the agent and waits for it; a failed or impossible attach gives SKIP_ATTACH_OPERATION and the enable
 * succeeds; database files in a sub-directory of the mount fail enable and attach (link), naming each
 * path; a relink under a new database name keeps the file names, and an attach with others fails.
 * Also: linked ↔ staging-push conversion, a default SnapSync policy at link, the dSource showing when
 * it cannot be monitored. The test plays the agent through the API, as the agent module does.
 */
@QuarkusTest
class AgentApiTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @Test
    void anAgentRegistersItsEnvironmentWithItsInstancesAndAgainWithoutDoublingThem() {
        String env = "agent-env-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath first = register(name, env, "stage-" + env + ".example", "WINDOWS");
        String environmentId = first.getString("environmentId");
        assertThat(first.getList("instances.name", String.class)).containsExactly("MSSQLSERVER");
        JsonPath again = register(name, env, "stage-" + env + ".example", "WINDOWS");
        assertThat(again.getString("environmentId")).isEqualTo(environmentId);
        as("viewer").get("/api/v1/environments/" + environmentId + "/repositories").then().statusCode(200)
                .body("items", hasSize(1));
        as("viewer").get("/api/v1/agents").then().statusCode(200).body("name", hasItem(name));
        // another host cannot take the environment over
        agent().body(registration(env, "someone-else.example", "WINDOWS")).put("/api/v1/agents/intruder")
                .then().statusCode(409).body("code", equalTo("ENVIRONMENT_HOST_MISMATCH"));
        agent().body(registration(env, "x", "WINDOWS")).put("/api/v1/agents/bad name!").then().statusCode(400);
        agent().post("/api/v1/agents/never-registered/tasks/claim").then().statusCode(404)
                .body("code", equalTo("AGENT_NOT_REGISTERED"));
    }

    @Test
    void aLinkAsksTheAgentToCreateTheStagingDatabaseAndTheAttachedFilesNamesAreKept() {
        Agent a = Agent.register("WINDOWS");
        Linked ds = a.link("RESTORING", List.of("PRE_SYNC"));
        JsonPath task = a.claim();
        assertThat(task.getString("kind")).isEqualTo("LINK");
        assertThat(task.getString("dsourceId")).isEqualTo(ds.id);
        assertThat(task.getString("mountBase")).isEqualTo(ds.mountBase);
        assertThat(task.getString("databaseStateMode")).isEqualTo("RESTORING");
        a.report(task.getString("id"), "ATTACHED", null, List.of(ds.mountBase + "\\sales.mdf", ds.mountBase + "\\sales_log.ldf"))
                .then().statusCode(200).body("state", equalTo("SUCCEEDED"));
        as("viewer").get("/api/v1/dsources/" + ds.id).then().statusCode(200)
                .body("attachment.status", equalTo("ATTACHED"))
                .body("databaseFileNames", equalTo(List.of("sales.mdf", "sales_log.ldf")));
        JsonPath served = agent().get("/api/v1/agents/" + a.name + "/dsources").then().statusCode(200).extract().jsonPath();
        assertThat(served.getList("id", String.class)).containsExactly(ds.id);
        assertThat(served.getList("[0].hookPhases", String.class)).containsExactly("PRE_SYNC");
        assertThat(served.getString("[0].repositoryName")).isEqualTo("MSSQLSERVER");
        // reporting the same task again answers it as it ended
        a.report(task.getString("id"), "FAILED", "late", List.of()).then().statusCode(200)
                .body("state", equalTo("SUCCEEDED"));
        DSourceLinked linked = Api.event(ds.id, "io.timeflow.staging.dsource.linked.v1", DSourceLinked.class);
        assertThat(linked.hookPhases()).containsExactly("PRE_SYNC");
        assertThat(linked.ingestionType()).isEqualTo("STAGING_PUSH");
    }

    @Test
    void enableAttemptsTheAttachThroughTheAgentAndAFailureGivesSkipAttachOperationWithItsReason() throws Exception {
        Agent a = Agent.register("WINDOWS");
        Linked ds = a.link("RESTORING", List.of());
        a.report(a.claim().getString("id"), "ATTACHED", null, List.of(ds.mountBase + "\\sales.mdf")).then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id + "/disable").then().statusCode(200);

        CompletableFuture<JsonPath> enable = CompletableFuture.supplyAsync(() -> as("operator")
                .post("/api/v1/dsources/" + ds.id + "/enable").then().statusCode(200).extract().jsonPath());
        JsonPath task = a.awaitTask();
        assertThat(task.getString("kind")).isEqualTo("ENABLE");
        a.report(task.getString("id"), "FAILED", "a database named " + ds.database + " exists and is not managed by "
                + "Timeflow", List.of("D:\\other\\" + ds.database + ".mdf")).then().statusCode(200);
        JsonPath enabled = enable.get();
        assertThat(enabled.getString("dsource.status")).isEqualTo("ENABLED");
        assertThat(enabled.getString("warnings[0].code")).isEqualTo("SKIP_ATTACH_OPERATION");
        assertThat(enabled.getString("warnings[0].message")).contains("exists and is not managed by Timeflow");
        assertThat(Api.event(ds.id, "io.timeflow.staging.dsource.enabled.v1", DSourceEnabled.class).warnings())
                .containsExactly("SKIP_ATTACH_OPERATION");
        assertThat(Api.event(ds.id, "io.timeflow.staging.fault.raised.v1", FaultRaised.class).code())
                .isEqualTo("ATTACH_FAILED");

        // and when the attach works, the enable has no warning
        as("operator").post("/api/v1/dsources/" + ds.id + "/disable").then().statusCode(200);
        CompletableFuture<JsonPath> again = CompletableFuture.supplyAsync(() -> as("operator")
                .post("/api/v1/dsources/" + ds.id + "/enable").then().statusCode(200).extract().jsonPath());
        a.report(a.awaitTask().getString("id"), "ATTACHED", null, List.of(ds.mountBase + "\\sales.mdf"))
                .then().statusCode(200);
        assertThat(again.get().getList("warnings")).isEmpty();
        as("viewer").get("/api/v1/dsources/" + ds.id).then().body("attachment.status", equalTo("ATTACHED"))
                .body("activeFaults", hasSize(0));
    }

    @Test
    void enableWithoutARunningAgentSucceedsWithSkipAttachOperationSayingTheAttachWasNotAttempted() {
        Api.DS ds = Api.link("RESTORING");
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable").then().statusCode(200)
                .body("dsource.status", equalTo("ENABLED"))
                .body("warnings[0].code", equalTo("SKIP_ATTACH_OPERATION"))
                .body("warnings[0].message", containsString("could not be attempted"));
    }

    @Test
    void filesInASubDirectoryOfTheMountFailTheAttachAndTheEnableNamingEachPath() throws Exception {
        Agent a = Agent.register("WINDOWS");
        Linked ds = a.link("RESTORING", List.of());
        a.report(a.claim().getString("id"), "ATTACHED", null, List.of(ds.mountBase + "\\sales.mdf")).then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id + "/disable").then().statusCode(200);
        String data = ds.mountBase + "\\folder1\\sales.mdf";
        String log = ds.mountBase + "\\folder1\\folder2\\sales_log.ldf";

        CompletableFuture<io.restassured.response.Response> enable = CompletableFuture.supplyAsync(() ->
                as("operator").post("/api/v1/dsources/" + ds.id + "/enable"));
        JsonPath task = a.awaitTask();
        a.report(task.getString("id"), "ATTACHED", null, List.of(data, log)).then().statusCode(200)
                .body("state", equalTo("FAILED")).body("filesOutside", equalTo(List.of(data, log)));
        enable.get().then().statusCode(422).body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY"))
                .body("context.files", equalTo(List.of(data, log)));
        as("viewer").get("/api/v1/dsources/" + ds.id).then().body("status", equalTo("DISABLED"))
                .body("attachment.failure", containsString("folder1"));

        // the agent observes them there: enable and attach (link) are refused at once, naming the paths
        agent().body(Map.of("state", "RESTORING", "dataMounted", true, "files", List.of(data, log)))
                .put("/api/v1/dsources/" + ds.id + "/staging-database").then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id + "/enable").then().statusCode(422)
                .body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY")).body("detail", containsString(data));
        admin().post("/api/v1/dsources/" + ds.id + "/detach").then().statusCode(200);
        admin().body(Map.of("stagingDatabaseName", "relinked_" + ds.database, "databaseStateMode", "RESTORING",
                        "environmentId", a.environmentId, "repositoryId", a.repositoryId))
                .post("/api/v1/dsources/" + ds.id + "/attach").then().statusCode(422)
                .body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY")).body("context.files", equalTo(List.of(data, log)));
    }

    @Test
    void aRelinkUnderANewDatabaseNameKeepsTheFileNamesAndAnAttachWithOtherNamesFails() {
        Agent a = Agent.register("WINDOWS");
        Linked ds = a.link("RESTORING", List.of());
        a.report(a.claim().getString("id"), "ATTACHED", null,
                List.of(ds.mountBase + "\\sales.mdf", ds.mountBase + "\\sales_log.ldf")).then().statusCode(200);
        admin().post("/api/v1/dsources/" + ds.id + "/detach").then().statusCode(200);
        admin().body(Map.of("stagingDatabaseName", "sales_v2_" + ds.database, "databaseStateMode", "RESTORING",
                        "environmentId", a.environmentId, "repositoryId", a.repositoryId))
                .post("/api/v1/dsources/" + ds.id + "/attach").then().statusCode(200)
                .body("dsource.databaseFileNames", equalTo(List.of("sales.mdf", "sales_log.ldf")));
        JsonPath task = a.claim();
        assertThat(task.getString("kind")).isEqualTo("ATTACH");
        assertThat(task.getString("databaseName")).isEqualTo("sales_v2_" + ds.database);
        assertThat(task.getList("fileNames", String.class)).containsExactly("sales.mdf", "sales_log.ldf");
        a.report(task.getString("id"), "ATTACHED", null, List.of(ds.mountBase + "\\sales_v2.mdf",
                ds.mountBase + "\\sales_v2_log.ldf")).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("reason", containsString("file names changed"));
        as("viewer").get("/api/v1/dsources/" + ds.id).then().body("attachment.status", equalTo("FAILED"))
                .body("databaseFileNames", equalTo(List.of("sales.mdf", "sales_log.ldf")));
    }

    @Test
    void anOnlineDsourceConvertsBetweenLinkedAndStagingPushAndARestoringOneIsRefused() {
        Api.DS online = Api.link("ONLINE");
        admin().body(Map.of("ingestionType", "LINKED")).post("/api/v1/dsources/" + online.id() + "/convert").then()
                .statusCode(200).body("ingestionType", equalTo("LINKED"));
        admin().body(Map.of("ingestionType", "LINKED")).post("/api/v1/dsources/" + online.id() + "/convert").then()
                .statusCode(409).body("code", equalTo("INGESTION_TYPE_UNCHANGED"));
        DSourceConverted converted = Api.event(online.id(), "io.timeflow.staging.dsource.converted.v1",
                DSourceConverted.class);
        assertThat(converted.from()).isEqualTo("STAGING_PUSH");
        assertThat(converted.to()).isEqualTo("LINKED");
        admin().body(Map.of("ingestionType", "STAGING_PUSH")).post("/api/v1/dsources/" + online.id() + "/convert")
                .then().statusCode(200).body("ingestionType", equalTo("STAGING_PUSH"));

        Api.DS restoring = Api.link("RESTORING");
        long outbox = Api.outboxRows(db, restoring.id());
        admin().body(Map.of("ingestionType", "LINKED")).post("/api/v1/dsources/" + restoring.id() + "/convert").then()
                .statusCode(409).body("code", equalTo("CONVERSION_NOT_SUPPORTED"));
        assertThat(Api.outboxRows(db, restoring.id())).isEqualTo(outbox);
        admin().body(Map.of("ingestionType", "SOMETHING")).post("/api/v1/dsources/" + restoring.id() + "/convert")
                .then().statusCode(400);
    }

    @Test
    void aDefaultSnapSyncPolicyCanBeChosenAtLinkAndAnUnknownOneIsRefused() {
        Api.Env env = Api.environment("WINDOWS");
        String unknown = UUID.randomUUID().toString();
        admin().body(linkBody(env, unknown)).post("/api/v1/dsources").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_REFERENCE")).body("errors[0].field", equalTo("syncPolicyId"));

        String policyId = UUID.randomUUID().toString();
        sendSnapshotEvent(policyId, "io.timeflow.snapshot.sync-policy.created.v1",
                new SyncPolicyCreated(policyId, "nightly-" + policyId.substring(0, 4), Instant.now()));
        AtomicReference<String> dsourceId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var r = admin().body(linkBody(env, policyId)).post("/api/v1/dsources");
            if (r.statusCode() == 201) {
                dsourceId.set(r.path("id"));
                return true;
            }
            return false;
        });
        as("viewer").get("/api/v1/dsources/" + dsourceId.get()).then().body("syncPolicyId", equalTo(policyId));
        assertThat(Api.event(dsourceId.get(), "io.timeflow.staging.dsource.linked.v1", DSourceLinked.class)
                .syncPolicyId()).isEqualTo(policyId);
    }

    @Test
    void theDsourceShowsWhenItCannotBeMonitored() {
        Api.DS ds = Api.link("RESTORING");
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("monitoring", equalTo("OK"));
        agent().body(Map.of("state", "ONLINE", "dataMounted", true, "files", List.of(ds.file("sales.mdf"))))
                .put("/api/v1/dsources/" + ds.id() + "/staging-database").then().statusCode(200);
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("monitoring", equalTo("CANNOT_MONITOR"))
                .body("activeFaults", hasItem("CANNOT_MONITOR"));
        agent().body(Map.of("state", "RESTORING", "dataMounted", true, "files", List.of(ds.file("sales.mdf"))))
                .put("/api/v1/dsources/" + ds.id() + "/staging-database").then().statusCode(200);
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("monitoring", equalTo("OK"));
    }

    @Test
    void changedHooksAreAnnouncedWithTheirPhasesNeverTheirCommands() {
        Api.DS ds = Api.link("RESTORING");
        admin().body("""
                {"hooks": [{"phase": "PRE_SYNC", "name": "restore", "shell": "BASH", "command": "sqlcmd -P hunter22"},
                           {"phase": "POST_SYNC", "name": "notify", "shell": "BASH", "command": "echo done"}]}""")
                .patch("/api/v1/dsources/" + ds.id()).then().statusCode(200);
        TopicProbe.Seen seen = Api.seen(ds.id(), "io.timeflow.staging.dsource.updated.v1");
        assertThat(EventJson.read(seen.value(), DSourceUpdated.class).hookPhases()).containsExactly("PRE_SYNC", "POST_SYNC");
        assertThat(seen.value()).doesNotContain("hunter22");
    }

    // ---- the agent's side

    /** A registered agent and its environment. */
    record Agent(String name, String environmentId, String repositoryId) {

        static Agent register(String os) {
            String env = "agent-env-" + UUID.randomUUID().toString().substring(0, 8);
            String name = "agent-" + UUID.randomUUID().toString().substring(0, 8);
            JsonPath r = AgentApiTest.register(name, env, env + ".example", os);
            return new Agent(name, r.getString("environmentId"), r.getString("instances[0].id"));
        }

        Linked link(String mode, List<String> hookPhases) {
            String database = "stg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            StringBuilder hooks = new StringBuilder();
            for (String phase : hookPhases) {
                hooks.append(hooks.isEmpty() ? "" : ", ").append("{\"phase\": \"").append(phase)
                        .append("\", \"name\": \"h-").append(phase).append("\", \"shell\": \"BASH\", \"command\": \"true\"}");
            }
            var r = admin().body("""
                    {"name": "ds-%s", "stagingDatabaseName": "%s", "databaseStateMode": "%s", "environmentId": "%s",
                     "repositoryId": "%s", "hooks": [%s]}""".formatted(UUID.randomUUID(), database, mode, environmentId,
                    repositoryId, hooks)).post("/api/v1/dsources").then().statusCode(201).extract();
            return new Linked(r.path("id"), database, r.path("mountBase"));
        }

        JsonPath claim() {
            return agent().post("/api/v1/agents/" + name + "/tasks/claim").then().statusCode(200).extract().jsonPath();
        }

        /** Asks for a task until one comes (as the agent does every second). */
        JsonPath awaitTask() {
            AtomicReference<JsonPath> task = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var r = agent().post("/api/v1/agents/" + name + "/tasks/claim");
                if (r.statusCode() == 200) {
                    task.set(r.then().extract().jsonPath());
                    return true;
                }
                return false;
            });
            return task.get();
        }

        io.restassured.response.Response report(String taskId, String status, String reason, List<String> files) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("status", status, "files", files));
            if (reason != null) {
                body.put("reason", reason);
            }
            return agent().body(body).post("/api/v1/agents/" + name + "/tasks/" + taskId + "/report");
        }
    }

    record Linked(String id, String database, String mountBase) {
    }

    static JsonPath register(String name, String env, String host, String os) {
        return agent().body(registration(env, host, os)).put("/api/v1/agents/" + name).then().statusCode(200)
                .extract().jsonPath();
    }

    static Map<String, Object> registration(String env, String host, String os) {
        return Map.of("environment", Map.of("name", env, "host", host, "osType", os, "timeZone", "Europe/Paris",
                        "connectorPath", os.equals("WINDOWS") ? Api.WINDOWS_CONNECTOR : Api.LINUX_CONNECTOR),
                "instances", List.of(Map.of("name", "MSSQLSERVER", "port", 1433)), "version", "test",
                "shells", List.of("BASH"));
    }

    static String linkBody(Api.Env env, String policyId) {
        return """
                {"name": "ds-%s", "stagingDatabaseName": "stg_%s", "databaseStateMode": "RESTORING", "environmentId": "%s",
                 "repositoryId": "%s", "syncPolicyId": "%s"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID().toString().replace("-", "").substring(0, 12), env.id(), env.repositoryId(), policyId);
    }

    static void sendSnapshotEvent(String key, String type, TimeflowEvent event) {
        TopicProbe.send("timeflow.snapshot.v1", key, Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SOURCE, "/timeflow/snapshot-service",
                CloudEventHeaders.SUBJECT, key,
                CloudEventHeaders.TIME, Instant.now().toString()), EventJson.write(event));
    }
}
