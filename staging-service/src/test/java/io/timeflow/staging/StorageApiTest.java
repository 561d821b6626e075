package io.timeflow.staging;

import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.StorageState;
import io.timeflow.events.staging.StorageStateChanged;
import org.junit.jupiter.api.Test;

/**
 * The storage critical-threshold rule of staging push: while storage is paused restores fail; after it resumes a
 * transaction log cannot be applied (SQL Server Msg 4320) until a FULL or DIFFERENTIAL re-bases the database.
 */
@QuarkusTest
class StorageApiTest {

    static String storage(Api.DS ds) {
        return "/api/v1/dsources/" + ds.id() + "/storage";
    }

    @Test
    void afterAStorageResumeALogRestoreIsRefusedUntilADifferentialOrFullReBasesTheDatabase() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("1000", "2000", "1500"));
        Api.restored(ds, Api.log("1800", "3000"));

        agent().body("{\"state\": \"PAUSED_AT_CRITICAL_THRESHOLD\"}").put(storage(ds))
                .then().statusCode(200).body("dsource.storage.state", equalTo("PAUSED_AT_CRITICAL_THRESHOLD"))
                .body("warnings", empty());
        StorageStateChanged paused = Api.event(ds.id(), "io.timeflow.staging.storage.state-changed.v1",
                StorageStateChanged.class);
        assertThat(paused.state()).isEqualTo(StorageState.PAUSED_AT_CRITICAL_THRESHOLD);

        // restores fail on paused storage: none may start
        agent().body(Api.log("3000", "4000")).post("/api/v1/dsources/" + ds.id() + "/restores")
                .then().statusCode(409).body("code", equalTo("STORAGE_PAUSED"));

        agent().body("{\"state\": \"RUNNING\"}").put(storage(ds))
                .then().statusCode(200)
                .body("dsource.storage.logRestoreNeedsRebase", equalTo(true))
                .body("warnings[0].code", equalTo("LOG_RESTORE_AFTER_RESUME"));
        StorageStateChanged resumed = resumedEvent(ds);
        assertThat(resumed.logRestoreNeedsRebase()).isTrue();

        agent().body(Api.log("3000", "4000")).post("/api/v1/dsources/" + ds.id() + "/restores")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("LOG_RESTORE_NEEDS_REBASE"))
                .body("detail", containsString("Msg 4320"))
                .body("detail", containsString("FULL or DIFFERENTIAL"));

        Api.restored(ds, Api.diff("3500", "5000", "1500"));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("storage.logRestoreNeedsRebase", equalTo(false));
        Api.restored(ds, Api.log("4800", "6000"));
    }

    @Test
    void aFullBackupAlsoReBasesAfterAResume() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("1000", "2000", "1500"));
        agent().body("{\"state\": \"PAUSED_AT_CRITICAL_THRESHOLD\"}").put(storage(ds)).then().statusCode(200);
        agent().body("{\"state\": \"RUNNING\"}").put(storage(ds)).then().statusCode(200);
        Api.restored(ds, Api.start(Api.backupSet("FULL", "7000", "8000", "7500", null), false, true));
        Api.restored(ds, Api.log("7900", "9000"));
    }

    @Test
    void reportingTheSameStorageStateTwiceChangesNothingAndBadStatesAre400s() {
        Api.DS ds = Api.link("RESTORING");
        agent().body("{\"state\": \"RUNNING\"}").put(storage(ds))
                .then().statusCode(200).body("warnings", empty()).body("dsource.storage.logRestoreNeedsRebase", equalTo(false));
        agent().body("{\"state\": \"FULL\"}").put(storage(ds)).then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
        as("viewer").body("{\"state\": \"RUNNING\"}").put(storage(ds)).then().statusCode(403);
    }

    /** The StorageStateChanged that announced the resume. */
    private static StorageStateChanged resumedEvent(Api.DS ds) {
        var seen = Api.seen(ds.id(), "io.timeflow.staging.storage.state-changed.v1", "state", "RUNNING");
        return io.timeflow.events.EventJson.read(seen.value(), StorageStateChanged.class);
    }
}
