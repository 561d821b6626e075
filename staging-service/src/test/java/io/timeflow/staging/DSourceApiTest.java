package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.DatabaseStateMode;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Linking, reading, describing and deleting staging-push dSources, and the ways to get each wrong. */
@QuarkusTest
class DSourceApiTest {

    static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    AgroalDataSource db;

    @Test
    void linkingAssignsTheWindowsMountBaseConnectorPathEngineIdStagingContainerIdDataDbAndPublishesDSourceLinked() {
        Api.Env env = Api.environment("WINDOWS");
        String name = "sales-" + UUID.randomUUID();
        var created = admin().body("""
                        {"name": "%s", "stagingDatabaseName": "sales_staging", "databaseStateMode": "RESTORING",
                         "environmentId": "%s", "repositoryId": "%s", "targetGroup": "finance", "notes": "nightly",
                         "hooks": [{"phase": "PRE_SYNC", "name": "restore", "shell": "POWERSHELL",
                                    "command": "sqlcmd -U sa -P s3cr3t-Passw0rd -Q \\"RESTORE DATABASE x\\""}]}"""
                        .formatted(name, env.id(), env.repositoryId()))
                .post("/api/v1/dsources")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/dsources/"))
                .body("name", equalTo(name))
                .body("pluginId", equalTo("mssql-staging-push"))
                .body("status", equalTo("ENABLED"))
                .body("attachment.status", equalTo("PENDING"))
                .body("mountBase", matchesPattern(
                        "C:\\\\Program Files\\\\Delphix\\\\DelphixConnector\\\\" + UUID_RE + "-Staging-[0-9]+\\\\DATA\\\\DB"))
                .body("hooks[0].name", equalTo("restore"))
                .body("hooks[0].command", nullValue())
                .extract();
        String id = created.path("id");
        String mountBase = created.path("mountBase");
        int containerId = created.path("containerId");
        assertThat(mountBase).endsWith("-Staging-" + containerId + "\\DATA\\DB");

        DSourceLinked linked = Api.event(id, "io.timeflow.staging.dsource.linked.v1", DSourceLinked.class);
        assertThat(linked.name()).isEqualTo(name);
        assertThat(linked.stagingDatabaseName()).isEqualTo("sales_staging");
        assertThat(linked.databaseStateMode()).isEqualTo(DatabaseStateMode.RESTORING);
        assertThat(linked.mountBase()).isEqualTo(mountBase);
        assertThat(linked.timeZone()).isEqualTo("Europe/Paris");
        assertThat(linked.pluginId()).isEqualTo("mssql-staging-push");
        assertThat(Api.seen(id, "io.timeflow.staging.dsource.linked.v1").value()).doesNotContain("s3cr3t");
    }

    @Test
    void everyDSourceOfTheEngineSharesTheEngineIdAndGetsItsOwnContainerId() {
        Api.Env env = Api.environment("WINDOWS");
        Api.DS a = Api.link("RESTORING", env, null);
        Api.DS b = Api.link("RESTORING", env, null);
        String engineA = a.mountBase().replaceAll(".*\\\\(" + UUID_RE + ")-Staging-.*", "$1");
        String engineB = b.mountBase().replaceAll(".*\\\\(" + UUID_RE + ")-Staging-.*", "$1");
        assertThat(engineA).isEqualTo(engineB).matches(UUID_RE);
        assertThat(a.mountBase()).isNotEqualTo(b.mountBase());
        assertThat(Api.count(db, "select count(*) from engine_identity")).isEqualTo(1);
    }

    @Test
    void aLinuxStagingHostGetsTheForwardSlashFormOfTheMountBase() {
        Api.DS ds = Api.link("RESTORING", Api.environment("LINUX"), null);
        assertThat(ds.mountBase()).matches("/opt/delphix/connector/" + UUID_RE + "-Staging-[0-9]+/DATA/DB");
    }

    @Test
    void hookCommandsAreSealedAtRestHiddenFromViewersAndShownToTheAgent() {
        Api.Env env = Api.environment("WINDOWS");
        String id = admin().body("""
                        {"name": "hooks-%s", "stagingDatabaseName": "hooks_db", "databaseStateMode": "RESTORING",
                         "environmentId": "%s", "repositoryId": "%s",
                         "hooks": [{"phase": "PRE_SYNC", "name": "restore", "shell": "BASH", "command": "restore.sh --password=hunter2"}]}"""
                        .formatted(UUID.randomUUID(), env.id(), env.repositoryId()))
                .post("/api/v1/dsources").then().statusCode(201).extract().path("id");

        as("viewer").get("/api/v1/dsources/" + id).then().statusCode(200)
                .body("hooks[0].shell", equalTo("BASH")).body("hooks[0].command", nullValue());
        as("viewer").get("/api/v1/dsources/" + id + "/hooks").then().statusCode(403);
        as("agent").get("/api/v1/dsources/" + id + "/hooks").then().statusCode(200)
                .body("[0].command", equalTo("restore.sh --password=hunter2"));
        assertThat(Api.count(db, "select count(*) from dsource where id = ?::uuid and hooks like 'tfenc:v1:%' "
                + "and hooks not like '%hunter2%'", id)).isEqualTo(1);
    }

    @Test
    void updatingNotesAndHooksPublishesDSourceUpdatedNamingWhatChanged() {
        Api.DS ds = Api.link("RESTORING");
        admin().body("""
                        {"notes": "owner: dba team", "hooks": [{"phase": "POST_SYNC", "name": "notify", "shell": "SH",
                         "command": "echo done"}]}""")
                .patch("/api/v1/dsources/" + ds.id())
                .then().statusCode(200)
                .body("notes", equalTo("owner: dba team"))
                .body("hooks[0].phase", equalTo("POST_SYNC"));
        DSourceUpdated updated = Api.event(ds.id(), "io.timeflow.staging.dsource.updated.v1", DSourceUpdated.class);
        assertThat(updated.changed()).containsExactly("notes", "hooks");

        // an empty string clears the notes; the same hooks again are no change
        admin().body("{\"notes\": \"\"}").patch("/api/v1/dsources/" + ds.id()).then().statusCode(200)
                .body("notes", nullValue());
    }

    @Test
    void theListFiltersByEnvironmentPluginStatusAndNameAndIsPaged() {
        Api.Env env = Api.environment("WINDOWS");
        Api.DS a = Api.link("RESTORING", env, null);
        Api.DS b = Api.link("ONLINE", env, "other-plugin");
        Api.link("RESTORING");
        as("operator").post("/api/v1/dsources/" + a.id() + "/disable").then().statusCode(200);

        as("viewer").queryParam("environmentId", env.id()).get("/api/v1/dsources")
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", hasItems(a.id(), b.id()));
        as("viewer").queryParam("environmentId", env.id()).queryParam("status", "DISABLED").get("/api/v1/dsources")
                .then().statusCode(200).body("items.id", equalTo(List.of(a.id())));
        as("viewer").queryParam("pluginId", "other-plugin").queryParam("environmentId", env.id()).get("/api/v1/dsources")
                .then().statusCode(200).body("items.id", equalTo(List.of(b.id())));
        as("viewer").queryParam("name", b.name().substring(3, 20).toUpperCase()).get("/api/v1/dsources")
                .then().statusCode(200).body("items.id", equalTo(List.of(b.id())));
        as("viewer").queryParam("environmentId", env.id()).queryParam("limit", 1).queryParam("offset", 1)
                .get("/api/v1/dsources").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(2)).body("offset", equalTo(1));
    }

    @Test
    void badListFiltersAre400sNamingTheParameter() {
        as("viewer").queryParam("status", "SLEEPING").get("/api/v1/dsources").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        as("viewer").queryParam("environmentId", "not-a-uuid").get("/api/v1/dsources").then().statusCode(400)
                .body("errors[0].field", equalTo("environmentId"));
        as("viewer").queryParam("limit", 501).get("/api/v1/dsources").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aSecondDSourceWithTheSameNameIsAConflictAndWritesNothing() {
        Api.DS ds = Api.link("RESTORING");
        long before = Api.count(db, "select count(*) from dsource");
        long outbox = Api.count(db, "select count(*) from outbox");
        admin().body(Api.dsourceBody(ds.name().toUpperCase(), "other_db", "RESTORING", ds.env(), null))
                .post("/api/v1/dsources")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("NAME_TAKEN"));
        assertThat(Api.count(db, "select count(*) from dsource")).isEqualTo(before);
        assertThat(Api.count(db, "select count(*) from outbox")).isEqualTo(outbox);
    }

    @Test
    void twoDSourcesCannotShareAStagingDatabaseOnOneInstance() {
        Api.Env env = Api.environment("WINDOWS");
        String first = admin().body(Api.dsourceBody("a-" + UUID.randomUUID(), "shared_db", "RESTORING", env, null))
                .post("/api/v1/dsources").then().statusCode(201).extract().path("id");
        admin().body(Api.dsourceBody("b-" + UUID.randomUUID(), "SHARED_DB", "RESTORING", env, null))
                .post("/api/v1/dsources")
                .then().statusCode(409).body("code", equalTo("STAGING_DATABASE_TAKEN")).body("context.dsourceId", equalTo(first));
    }

    @Test
    void anUnknownEnvironmentOrARepositoryOfAnotherEnvironmentIs422NamingTheField() {
        Api.Env env = Api.environment("WINDOWS");
        Api.Env other = Api.environment("WINDOWS");
        admin().body(Api.dsourceBody("x-" + UUID.randomUUID(), "x_db", "RESTORING",
                        new Api.Env(UUID.randomUUID().toString(), env.repositoryId()), null))
                .post("/api/v1/dsources").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_REFERENCE")).body("errors[0].field", equalTo("environmentId"));
        admin().body(Api.dsourceBody("x-" + UUID.randomUUID(), "x_db", "RESTORING",
                        new Api.Env(env.id(), other.repositoryId()), null))
                .post("/api/v1/dsources").then().statusCode(422).body("errors[0].field", equalTo("repositoryId"));
    }

    @Test
    void badBodiesAre400sNamingEachField() {
        Api.Env env = Api.environment("WINDOWS");
        admin().body(Api.dsourceBody("x", "x_db", "STANDBY", env, null)).post("/api/v1/dsources")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("databaseStateMode"))
                .body("errors[0].message", equalTo("must be one of [RESTORING, ONLINE]"));
        admin().body("{\"name\": \"x\"}").post("/api/v1/dsources")
                .then().statusCode(400)
                .body("errors.field", hasItems("stagingDatabaseName", "databaseStateMode", "environmentId", "repositoryId"));
        admin().body(Api.dsourceBody("x", "bad name; drop", "RESTORING", env, null)).post("/api/v1/dsources")
                .then().statusCode(400).body("errors[0].field", equalTo("stagingDatabaseName"))
                .body("detail", not(containsString("drop")));
        admin().body("""
                        {"name": "x", "stagingDatabaseName": "x_db", "databaseStateMode": "RESTORING", "environmentId": "%s",
                         "repositoryId": "%s", "hooks": [{"phase": "PRE_SYNC", "name": "a", "shell": "CMD", "command": "x"},
                         {"phase": "PRE_SYNC", "name": "b", "shell": "BASH"}]}""".formatted(env.id(), env.repositoryId()))
                .post("/api/v1/dsources").then().statusCode(400).body("errors[0].field", equalTo("hooks[0].shell"));
        admin().body("""
                        {"name": "x", "stagingDatabaseName": "x_db", "databaseStateMode": "RESTORING", "environmentId": "%s",
                         "repositoryId": "%s", "hooks": [{"phase": "PRE_SYNC", "name": "b", "shell": "BASH"}]}"""
                        .formatted(env.id(), env.repositoryId()))
                .post("/api/v1/dsources").then().statusCode(400).body("errors[0].field", equalTo("hooks[0].command"));
        admin().body("""
                        {"name": "x", "stagingDatabaseName": "x_db", "databaseStateMode": "RESTORING", "environmentId": "%s",
                         "repositoryId": "%s", "hooks": [{"phase": "PRE_SYNC", "name": "b", "shell": "BASH", "command": "a"},
                         {"phase": "POST_SYNC", "name": "B", "shell": "BASH", "command": "b"}]}"""
                        .formatted(env.id(), env.repositoryId()))
                .post("/api/v1/dsources").then().statusCode(400).body("errors[0].field", equalTo("hooks[1].name"));
        admin().body("{\"nmae\": \"typo\"}").post("/api/v1/dsources")
                .then().statusCode(400).body("errors.field", hasItem("nmae"));
        admin().body("{\"notes\": 5}").patch("/api/v1/dsources/" + UUID.randomUUID())
                .then().statusCode(400).body("errors[0].field", equalTo("notes"));
    }

    @Test
    void unknownIdsAre404s() {
        String id = UUID.randomUUID().toString();
        as("viewer").get("/api/v1/dsources/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin().body("{\"notes\": \"x\"}").patch("/api/v1/dsources/" + id).then().statusCode(404);
        admin().delete("/api/v1/dsources/" + id).then().statusCode(404);
        as("operator").post("/api/v1/dsources/" + id + "/enable").then().statusCode(404);
        as("viewer").get("/api/v1/dsources/not-a-uuid").then().statusCode(404);
    }

    @Test
    void deletingPublishesDSourceDeletedAndRemovesItsHistory() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("100", "200", "150"));
        admin().delete("/api/v1/dsources/" + ds.id()).then().statusCode(204);
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().statusCode(404);
        assertThat(Api.event(ds.id(), "io.timeflow.staging.dsource.deleted.v1", DSourceDeleted.class).dsourceId())
                .isEqualTo(ds.id());
        assertThat(Api.count(db, "select count(*) from restore where dsource_id = ?::uuid", ds.id())).isZero();
    }

    @Test
    void deleteIsRefusedWhileARestoreIsInProgressAndNothingIsDeleted() {
        Api.DS ds = Api.link("RESTORING");
        String restore = Api.started(ds, Api.full("100", "200", "150"));
        long outbox = Api.outboxRows(db, ds.id());
        admin().delete("/api/v1/dsources/" + ds.id())
                .then().statusCode(409).body("code", equalTo("RESTORE_IN_PROGRESS")).body("context.restoreId", equalTo(restore));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().statusCode(200);
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox);
    }

    @Test
    void anEnvironmentOrRepositoryInUseCannotBeDeleted() {
        Api.DS ds = Api.link("RESTORING");
        admin().delete("/api/v1/environments/" + ds.env().id())
                .then().statusCode(409).body("code", equalTo("ENVIRONMENT_IN_USE")).body("context.dsourceIds", hasItem(ds.id()));
        admin().delete("/api/v1/environments/" + ds.env().id() + "/repositories/" + ds.env().repositoryId())
                .then().statusCode(409).body("code", equalTo("REPOSITORY_IN_USE"));
        admin().delete("/api/v1/dsources/" + ds.id()).then().statusCode(204);
        admin().delete("/api/v1/environments/" + ds.env().id() + "/repositories/" + ds.env().repositoryId())
                .then().statusCode(204);
        admin().delete("/api/v1/environments/" + ds.env().id()).then().statusCode(204);
        Api.seen(ds.env().id(), "io.timeflow.staging.environment.deleted.v1");
    }

    @Test
    void eachOperationNeedsItsLeastRole() {
        Api.DS ds = Api.link("RESTORING");
        as("viewer").body(Api.dsourceBody("r-" + UUID.randomUUID(), "r_db", "RESTORING", ds.env(), null))
                .post("/api/v1/dsources").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as("operator").delete("/api/v1/dsources/" + ds.id()).then().statusCode(403);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(403);
        as("agent").get("/api/v1/dsources/" + ds.id()).then().statusCode(403);
        as("agent").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(403);
        as("viewer").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/dsources").then().statusCode(401);
        as("viewer").get("/api/v1/dsources").then().statusCode(200).body("items.hooks.command.flatten()", everyItem(nullValue()));
    }
}
