package io.timeflow.staging;

import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateChanged;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import io.timeflow.events.staging.MountStateChanged;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The observed staging database: state, mount and files; a state the mode does not support raises a
 * CRITICAL CANNOT_MONITOR fault that resolves itself when the state is supported again.
 */
@QuarkusTest
class StagingDatabaseApiTest {

    @Inject
    AgroalDataSource db;

    static String path(Api.DS ds) {
        return "/api/v1/dsources/" + ds.id() + "/staging-database";
    }

    static String report(Api.DS ds, String state, boolean mounted, String observedAt, String... files) {
        StringBuilder f = new StringBuilder();
        for (String file : files) {
            f.append(f.isEmpty() ? "" : ", ").append('"').append(Api.json(file)).append('"');
        }
        return "{\"state\": \"" + state + "\", \"dataMounted\": " + mounted + ", \"files\": [" + f + "]"
                + (observedAt == null ? "" : ", \"observedAt\": \"" + observedAt + "\"") + "}";
    }

    long faults(Api.DS ds, String status) {
        return Api.count(db, "select count(*) from fault where dsource_id = ?::uuid and code = 'CANNOT_MONITOR' and status = ?",
                ds.id(), status);
    }

    @Test
    void aSupportedStateIsPublishedWithTheMountAndRaisesNoFault() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(report(ds, "RESTORING", true, null, ds.file("sp.mdf"), ds.file("sp_log.ldf"))).put(path(ds))
                .then().statusCode(200)
                .body("supported", equalTo(true)).body("monitoring", equalTo("OK"))
                .body("filesUnderMountDir", equalTo(true));
        DatabaseStateChanged changed = Api.event(ds.id(), "io.timeflow.staging.database.state-changed.v1",
                DatabaseStateChanged.class);
        assertThat(changed.state()).isEqualTo(DatabaseState.RESTORING);
        assertThat(changed.supported()).isTrue();
        assertThat(changed.filesUnderMountDir()).isTrue();
        assertThat(changed.files()).containsExactly(ds.file("sp.mdf"), ds.file("sp_log.ldf"));
        MountStateChanged mount = Api.event(ds.id(), "io.timeflow.staging.mount.state-changed.v1", MountStateChanged.class);
        assertThat(mount.dataMounted()).isTrue();
        assertThat(mount.mountBase()).isEqualTo(ds.mountBase());
        assertThat(faults(ds, "ACTIVE")).isZero();
        as("viewer").get(path(ds)).then().statusCode(200).body("state", equalTo("RESTORING"));
    }

    @Test
    void anUnsupportedStateRaisesACriticalCannotMonitorFaultThatResolvesItselfWhenTheStateIsSupportedAgain() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(report(ds, "RESTORING", true, "2026-11-23T08:00:00Z", ds.file("sp.mdf"))).put(path(ds))
                .then().statusCode(200);
        agent().body(report(ds, "ONLINE", true, "2026-11-23T08:01:00Z", ds.file("sp.mdf"))).put(path(ds))
                .then().statusCode(200).body("supported", equalTo(false)).body("monitoring", equalTo("CANNOT_MONITOR"));
        FaultRaised raised = Api.event(ds.id(), "io.timeflow.staging.fault.raised.v1", FaultRaised.class);
        assertThat(raised.code()).isEqualTo("CANNOT_MONITOR");
        assertThat(raised.severity()).isEqualTo("CRITICAL");
        assertThat(raised.message()).contains("ONLINE").contains("RESTORING");
        as("viewer").queryParam("dsourceId", ds.id()).get("/api/v1/faults").then().statusCode(200)
                .body("items[0].id", equalTo(raised.faultId()))
                .body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].severity", equalTo("CRITICAL"));

        // seen again: the same fault, its last-seen time moves, no second fault
        agent().body(report(ds, "READ_ONLY", true, "2026-11-23T08:02:00Z", ds.file("sp.mdf"))).put(path(ds))
                .then().statusCode(200);
        assertThat(faults(ds, "ACTIVE")).isEqualTo(1);
        var fault = as("viewer").get("/api/v1/faults/" + raised.faultId()).then().statusCode(200).extract();
        assertThat(java.time.Instant.parse(fault.path("lastSeen")))
                .isAfter(java.time.Instant.parse(fault.path("firstSeen")));
        assertThat((String) fault.path("message")).contains("READ_ONLY");

        agent().body(report(ds, "RESTORING", true, "2026-11-23T08:03:00Z", ds.file("sp.mdf"))).put(path(ds))
                .then().statusCode(200).body("monitoring", equalTo("OK"));
        FaultResolved resolved = Api.event(ds.id(), "io.timeflow.staging.fault.resolved.v1", FaultResolved.class);
        assertThat(resolved.faultId()).isEqualTo(raised.faultId());
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        as("viewer").get("/api/v1/faults/" + raised.faultId()).then()
                .body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("system"));
    }

    @Test
    void anOnlineModeDSourceSupportsOnlyOnline() {
        Api.DS ds = Api.link("ONLINE");
        for (String state : List.of("RESTORING", "READ_ONLY", "STANDBY", "EMERGENCY")) {
            agent().body(report(ds, state, true, null, ds.file("sp.mdf"))).put(path(ds))
                    .then().statusCode(200).body("supported", equalTo(false));
        }
        assertThat(faults(ds, "ACTIVE")).isEqualTo(1);
        agent().body(report(ds, "ONLINE", true, null, ds.file("sp.mdf"))).put(path(ds))
                .then().statusCode(200).body("supported", equalTo(true));
        assertThat(faults(ds, "ACTIVE")).isZero();
        assertThat(faults(ds, "RESOLVED")).isEqualTo(1);
    }

    @Test
    void filesInASubDirectoryOfTheMountAreReportedAsNotUnderTheMountDir() {
        Api.DS ds = Api.link("RESTORING");
        String nested = ds.file("folder1\\sp.mdf");
        agent().body(report(ds, "RESTORING", true, null, nested, ds.file("sp_log.ldf"))).put(path(ds))
                .then().statusCode(200)
                .body("filesUnderMountDir", equalTo(false))
                .body("filesOutsideMountDir", equalTo(List.of(nested)));
        DatabaseStateChanged changed = Api.event(ds.id(), "io.timeflow.staging.database.state-changed.v1",
                DatabaseStateChanged.class);
        assertThat(changed.filesUnderMountDir()).isFalse();
    }

    @Test
    void onlyChangesArePublishedStateOrFilesAsDatabaseStateChangedMountAsMountStateChanged() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(report(ds, "RESTORING", true, "2026-11-23T08:00:00Z", ds.file("a.mdf"))).put(path(ds)).then().statusCode(200);
        agent().body(report(ds, "RESTORING", true, "2026-11-23T08:01:00Z", ds.file("a.mdf"))).put(path(ds)).then().statusCode(200);
        agent().body(report(ds, "RESTORING", false, "2026-11-23T08:02:00Z", ds.file("a.mdf"))).put(path(ds)).then().statusCode(200);
        agent().body(report(ds, "RESTORING", false, "2026-11-23T08:03:00Z", ds.file("a.mdf"), ds.file("b.ndf"))).put(path(ds))
                .then().statusCode(200);
        // a marker: the dSource disabled after the reports
        as("operator").post("/api/v1/dsources/" + ds.id() + "/disable").then().statusCode(200);
        assertThat(Api.typesUntil(ds.id(), "io.timeflow.staging.dsource.disabled.v1")).containsExactly(
                "io.timeflow.staging.dsource.linked.v1",
                "io.timeflow.staging.database.state-changed.v1", "io.timeflow.staging.mount.state-changed.v1",
                "io.timeflow.staging.mount.state-changed.v1",
                "io.timeflow.staging.database.state-changed.v1",
                "io.timeflow.staging.dsource.disabled.v1");
    }

    @Test
    void anObservationOlderThanTheLastIsRefused() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(report(ds, "RESTORING", true, "2026-11-23T08:05:00Z")).put(path(ds)).then().statusCode(200);
        agent().body(report(ds, "ONLINE", true, "2026-11-23T08:04:00Z")).put(path(ds))
                .then().statusCode(409).body("code", equalTo("OBSERVATION_OUT_OF_ORDER"));
        as("viewer").get(path(ds)).then().body("state", equalTo("RESTORING"));
        assertThat(faults(ds, "ACTIVE")).isZero();
    }

    @Test
    void badReportsAre400sAndNothingObservedYetIs404() {
        Api.DS ds = Api.link("RESTORING");
        as("viewer").get(path(ds)).then().statusCode(404).body("code", equalTo("NOT_OBSERVED_YET"));
        agent().body("{\"state\": \"SUSPECT\", \"dataMounted\": true, \"files\": []}").put(path(ds))
                .then().statusCode(400).body("errors[0].field", equalTo("state"));
        agent().body("{\"state\": \"ONLINE\"}").put(path(ds))
                .then().statusCode(400).body("errors.field", hasItem("dataMounted")).body("errors.field", hasItem("files"));
        agent().body("{\"state\": \"ONLINE\", \"dataMounted\": \"yes\", \"files\": []}").put(path(ds))
                .then().statusCode(400).body("errors[0].field", equalTo("dataMounted"));
        as("viewer").body(report(ds, "RESTORING", true, null)).put(path(ds)).then().statusCode(403);
        assertThat(Api.count(db, "select count(*) from staging_database where dsource_id = ?::uuid", ds.id())).isZero();
    }
}
