package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Enable, disable, unlink (detach) and link (attach), as the seed describes them. */
@QuarkusTest
class LifecycleApiTest {

    @Inject
    AgroalDataSource db;

    static String attachBody(Api.DS ds, String database, String mode) {
        return """
                {"stagingDatabaseName": "%s", "databaseStateMode": "%s", "environmentId": "%s", "repositoryId": "%s"}"""
                .formatted(database, mode, ds.env().id(), ds.env().repositoryId());
    }

    @Test
    void disableThenEnableResumesTheDSourceAndPublishesBothEvents() {
        Api.DS ds = Api.link("RESTORING");
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable")
                .then().statusCode(200).body("dsource.status", equalTo("DISABLED")).body("warnings", empty());
        // no agent serves its environment: the attach cannot be attempted, the enable succeeds and says so
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(200).body("dsource.status", equalTo("ENABLED"))
                .body("warnings[0].code", equalTo("SKIP_ATTACH_OPERATION"));
        assertThat(Api.typesUntil(ds.id(), "io.timeflow.staging.dsource.enabled.v1")).containsExactly(
                "io.timeflow.staging.dsource.linked.v1", "io.timeflow.staging.dsource.disabled.v1",
                "io.timeflow.staging.dsource.enabled.v1");
    }

    @Test
    void enablingAnEnabledDSourceOrDisablingADisabledOneIs409AndWritesNothing() {
        Api.DS ds = Api.link("RESTORING");
        long outbox = Api.outboxRows(db, ds.id());
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("DSOURCE_ALREADY_ENABLED"));
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable")
                .then().statusCode(409).body("code", equalTo("DSOURCE_ALREADY_DISABLED"));
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox + 1);
    }

    @Test
    void aDetachedDSourceStaysReadableWithItsRestoresSoItsSnapshotsStayUsable() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("100", "200", "150"));
        admin().post("/api/v1/dsources/" + ds.id() + "/detach")
                .then().statusCode(200).body("dsource.status", equalTo("DETACHED")).body("dsource.enabled", equalTo(false));
        Api.seen(ds.id(), "io.timeflow.staging.dsource.detached.v1");
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().statusCode(200).body("attached", equalTo(false));
        as("viewer").get("/api/v1/dsources/" + ds.id() + "/restores").then().statusCode(200).body("total", equalTo(1));
        // a detached dSource takes no restore and cannot be enabled until attached
        agent().body(Api.log("200", "300")).post("/api/v1/dsources/" + ds.id() + "/restores")
                .then().statusCode(409).body("code", equalTo("DSOURCE_DETACHED"));
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(409).body("code", equalTo("DSOURCE_DETACHED"));
        admin().post("/api/v1/dsources/" + ds.id() + "/detach")
                .then().statusCode(409).body("code", equalTo("DSOURCE_ALREADY_DETACHED"));
    }

    @Test
    void attachMayTakeANewStagingDatabaseNameButKeepsTheFileNames() {
        Api.DS ds = Api.link("RESTORING");
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
        admin().body(attachBody(ds, "renamed_staging", "RESTORING")).post("/api/v1/dsources/" + ds.id() + "/attach")
                .then().statusCode(200)
                .body("dsource.stagingDatabaseName", equalTo("renamed_staging"))
                .body("dsource.mountBase", equalTo(ds.mountBase()))
                .body("dsource.status", equalTo("DISABLED"))
                .body("warnings", empty());
        DSourceAttached attached = Api.event(ds.id(), "io.timeflow.staging.dsource.attached.v1", DSourceAttached.class);
        assertThat(attached.stagingDatabaseName()).isEqualTo("renamed_staging");
        assertThat(attached.mountBase()).isEqualTo(ds.mountBase());
        assertThat(attached.databaseStateMode()).isEqualTo(DatabaseStateMode.RESTORING);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable").then().statusCode(200)
                .body("dsource.status", equalTo("ENABLED"));
        admin().body(attachBody(ds, "again", "RESTORING")).post("/api/v1/dsources/" + ds.id() + "/attach")
                .then().statusCode(409).body("code", equalTo("DSOURCE_NOT_DETACHED"));
    }

    @Test
    void attachingWithAnotherDatabaseStateSucceedsAndTheNextEnableFailsWithDatabaseStateChanged() {
        Api.DS ds = Api.link("RESTORING");
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
        admin().body(attachBody(ds, "converted", "ONLINE")).post("/api/v1/dsources/" + ds.id() + "/attach")
                .then().statusCode(200).body("warnings[0].code", equalTo("DATABASE_STATE_CHANGED"));
        long outbox = Api.outboxRows(db, ds.id());
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("DATABASE_STATE_CHANGED"))
                .body("detail", containsString("database state changed"))
                .body("context.linkedDatabaseStateMode", equalTo("RESTORING"))
                .body("context.attachedDatabaseStateMode", equalTo("ONLINE"));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("enabled", equalTo(false));
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox);

        // attached again with the mode it was linked with, it enables
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
        admin().body(attachBody(ds, "converted", "RESTORING")).post("/api/v1/dsources/" + ds.id() + "/attach")
                .then().statusCode(200);
        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable").then().statusCode(200);
    }

    /** An agent's report outside a task (e.g. a script) is recorded; enable then attempts the attach anew (AgentApiTest). */
    @Test
    void anAttachReportedFailedRaisesAttachFailedAndTheEnableStillSucceedsWithSkipAttachOperation() {
        Api.DS ds = Api.link("RESTORING");
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(200);
        agent().body("{\"status\": \"FAILED\", \"reason\": \"a database named x exists and is not managed here\"}")
                .put("/api/v1/dsources/" + ds.id() + "/staging-database/attachment")
                .then().statusCode(200).body("attachment.status", equalTo("FAILED"));
        FaultRaised raised = Api.event(ds.id(), "io.timeflow.staging.fault.raised.v1", FaultRaised.class);
        assertThat(raised.code()).isEqualTo("ATTACH_FAILED");
        assertThat(raised.severity()).isEqualTo("WARNING");

        as("operator").post("/api/v1/dsources/" + ds.id() + "/enable")
                .then().statusCode(200)
                .body("dsource.status", equalTo("ENABLED"))
                .body("warnings[0].code", equalTo("SKIP_ATTACH_OPERATION"));
        DSourceEnabled enabled = Api.event(ds.id(), "io.timeflow.staging.dsource.enabled.v1", DSourceEnabled.class);
        assertThat(enabled.warnings()).containsExactly("SKIP_ATTACH_OPERATION");

        // the agent attaches it on a later try: the fault resolves itself
        agent().body("{\"status\": \"ATTACHED\"}").put("/api/v1/dsources/" + ds.id() + "/staging-database/attachment")
                .then().statusCode(200).body("attachment.status", equalTo("ATTACHED"));
        FaultResolved resolved = Api.event(ds.id(), "io.timeflow.staging.fault.resolved.v1", FaultResolved.class);
        assertThat(resolved.faultId()).isEqualTo(raised.faultId());
        assertThat(resolved.status()).isEqualTo("RESOLVED");
    }

    @Test
    void detachWaitsForTheRestoreInProgress() {
        Api.DS ds = Api.link("RESTORING");
        String restore = Api.started(ds, Api.full("100", "200", "150"));
        admin().post("/api/v1/dsources/" + ds.id() + "/detach")
                .then().statusCode(409).body("code", equalTo("RESTORE_IN_PROGRESS"));
        agent().body(Api.completion(ds)).post("/api/v1/dsources/" + ds.id() + "/restores/" + restore + "/complete")
                .then().statusCode(200);
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
    }

    @Test
    void attachReportsAndAttachRequestsAreValidated() {
        Api.DS ds = Api.link("RESTORING");
        agent().body("{\"status\": \"PENDING\"}").put("/api/v1/dsources/" + ds.id() + "/staging-database/attachment")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        admin().post("/api/v1/dsources/" + ds.id() + "/detach").then().statusCode(200);
        admin().body("{\"databaseStateMode\": \"RESTORING\"}").post("/api/v1/dsources/" + ds.id() + "/attach")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        agent().body("{\"status\": \"ATTACHED\"}").put("/api/v1/dsources/" + ds.id() + "/staging-database/attachment")
                .then().statusCode(409).body("code", equalTo("DSOURCE_DETACHED"));
    }
}
