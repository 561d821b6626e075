package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.TimeflowEvent;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * While {@code timeflow.plugin.v1} says an upgrade of plugin P runs, administrative operations on the
 * dSources of P are refused naming the upgrade; reads and restore reports go on; other plugins' dSources
 * are unaffected. The events arrive through the real broker, as plugin-service's relay publishes them.
 */
@QuarkusTest
class PluginUpgradeGuardApiTest {

    @Inject
    AgroalDataSource db;

    static void publish(String type, TimeflowEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, "/timeflow/plugin-service");
        headers.put(CloudEventHeaders.SUBJECT, event.aggregateId());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json");
        TopicProbe.send("timeflow.plugin.v1", event.aggregateId(), headers, EventJson.write(event));
    }

    /** Attaching an attached dSource: refused either way, and which refusal says whether the guard is up. */
    static io.restassured.response.Response probe(Api.DS ds) {
        return admin().body("""
                        {"stagingDatabaseName": "probe", "databaseStateMode": "RESTORING", "environmentId": "%s",
                         "repositoryId": "%s"}""".formatted(ds.env().id(), ds.env().repositoryId()))
                .post("/api/v1/dsources/" + ds.id() + "/attach");
    }

    @Test
    void whilePluginPIsUpgradedItsDSourcesRefuseAdministrationButReadsAndRestoreReportsGoOn() {
        String plugin = "plugin-" + UUID.randomUUID();
        String upgrade = UUID.randomUUID().toString();
        Api.Env env = Api.environment("WINDOWS");
        Api.DS ds = Api.link("RESTORING", env, plugin);
        Api.DS other = Api.link("RESTORING", env, null);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(200);

        publish("io.timeflow.plugin.upgrade.started.v1", new UpgradeStarted(plugin, upgrade, "1.0.0", "1.1.0", Instant.now()));
        // until the event is consumed, attaching an attached dSource is refused for being attached: a probe without effect
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> probe(ds).then().statusCode(409)
                .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS")));
        long outbox = Api.outboxRows(db, ds.id());

        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"))
                .body("context.upgradeId", equalTo(upgrade))
                .body("context.pluginId", equalTo(plugin))
                .body("detail", containsString(upgrade));

        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(409)
                .body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"));
        admin().delete("/api/v1/dsources/" + ds.id()).then().statusCode(409).body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"));
        admin().body("{\"notes\": \"during upgrade\"}").patch("/api/v1/dsources/" + ds.id()).then().statusCode(409);
        admin().body(Api.dsourceBody("new-" + UUID.randomUUID(), "new_db", "RESTORING", env, plugin))
                .post("/api/v1/dsources").then().statusCode(409).body("code", equalTo("PLUGIN_UPGRADE_IN_PROGRESS"));

        // reads and restore reports keep working
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().statusCode(200).body("status", equalTo("DISABLED"));
        Api.restored(ds, Api.full("100", "200", "150"));
        // another plugin's dSource is unaffected
        as("operator").post("/api/v1/dsources/" + other.id() + "/disable").then().statusCode(200);
        // nothing but the restore was written for the guarded dSource
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox + 2);

        publish("io.timeflow.plugin.upgrade.succeeded.v1",
                new UpgradeSucceeded(plugin, upgrade, "1.0.0", "1.1.0", 3, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> probe(ds).then().statusCode(409)
                .body("code", equalTo("DSOURCE_NOT_DETACHED")));
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable").then().statusCode(200);
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
    }

    @Test
    void aDSourceWithoutAPluginNamedIsBoundToMssqlStagingPush() {
        Api.DS ds = Api.link("RESTORING");
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("pluginId", equalTo("mssql-staging-push"));
        admin().body(Api.dsourceBody("p-" + UUID.randomUUID(), "p_db", "RESTORING", ds.env(), "Bad Plugin!"))
                .post("/api/v1/dsources").then().statusCode(400).body("errors[0].field", equalTo("pluginId"));
    }
}
