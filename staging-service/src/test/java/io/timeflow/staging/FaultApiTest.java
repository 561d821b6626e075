package io.timeflow.staging;

import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.FaultResolved;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Faults in DCT's model: list by dSource, severity and status; resolve and ignore. */
@QuarkusTest
class FaultApiTest {

    @Inject
    AgroalDataSource db;

    static String unsupported(Api.DS ds, String at) {
        return "{\"state\": \"ONLINE\", \"dataMounted\": true, \"files\": [], \"observedAt\": \"" + at + "\"}";
    }

    static String supported(Api.DS ds, String at) {
        return "{\"state\": \"RESTORING\", \"dataMounted\": true, \"files\": [], \"observedAt\": \"" + at + "\"}";
    }

    static String raise(Api.DS ds, String at) {
        agent().body(unsupported(ds, at)).put("/api/v1/dsources/" + ds.id() + "/staging-database").then().statusCode(200);
        return as("viewer").queryParam("dsourceId", ds.id()).queryParam("status", "ACTIVE").get("/api/v1/faults")
                .then().statusCode(200).extract().path("items[0].id");
    }

    @Test
    void anOperatorResolvesAnActiveFaultAndItIsRaisedAnewIfTheConditionPersists() {
        Api.DS ds = Api.link("RESTORING");
        String fault = raise(ds, "2026-11-23T08:00:00Z");
        as("operator").post("/api/v1/faults/" + fault + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("operator-user"));
        FaultResolved resolved = Api.event(ds.id(), "io.timeflow.staging.fault.resolved.v1", FaultResolved.class);
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        as("operator").post("/api/v1/faults/" + fault + "/resolve")
                .then().statusCode(409).body("code", equalTo("FAULT_NOT_ACTIVE"));

        String again = raise(ds, "2026-11-23T08:01:00Z");
        assertThat(again).isNotEqualTo(fault);
    }

    @Test
    void anIgnoredFaultIsNotRaisedAgainWhileItsConditionLastsButIsAfterItEnded() {
        Api.DS ds = Api.link("RESTORING");
        String fault = raise(ds, "2026-11-23T08:00:00Z");
        as("operator").post("/api/v1/faults/" + fault + "/ignore").then().statusCode(200).body("status", equalTo("IGNORED"));
        var ignored = Api.seen(ds.id(), "io.timeflow.staging.fault.resolved.v1", "status", "IGNORED");
        assertThat(Api.payload(ignored).path("faultId").asText()).isEqualTo(fault);

        agent().body(unsupported(ds, "2026-11-23T08:01:00Z")).put("/api/v1/dsources/" + ds.id() + "/staging-database")
                .then().statusCode(200);
        assertThat(activeFaults(ds)).isZero();

        agent().body(supported(ds, "2026-11-23T08:02:00Z")).put("/api/v1/dsources/" + ds.id() + "/staging-database")
                .then().statusCode(200);
        as("viewer").get("/api/v1/faults/" + fault).then().body("status", equalTo("IGNORED"));
        raise(ds, "2026-11-23T08:03:00Z");
        assertThat(activeFaults(ds)).isEqualTo(1);
    }

    @Test
    void theListFiltersByDSourceSeverityAndStatus() {
        Api.DS a = Api.link("RESTORING");
        Api.DS b = Api.link("RESTORING");
        raise(a, "2026-11-23T08:00:00Z");
        raise(b, "2026-11-23T08:00:00Z");
        agent().body("{\"status\": \"FAILED\", \"reason\": \"x\"}")
                .put("/api/v1/dsources/" + a.id() + "/staging-database/attachment").then().statusCode(200);
        as("viewer").queryParam("dsourceId", a.id()).get("/api/v1/faults").then().statusCode(200)
                .body("total", equalTo(2)).body("items.dsourceId", everyItem(equalTo(a.id())));
        as("viewer").queryParam("dsourceId", a.id()).queryParam("severity", "WARNING").get("/api/v1/faults")
                .then().body("total", equalTo(1)).body("items[0].code", equalTo("ATTACH_FAILED"));
        as("viewer").queryParam("dsourceId", a.id()).queryParam("severity", "CRITICAL").queryParam("status", "ACTIVE")
                .get("/api/v1/faults").then().body("total", equalTo(1)).body("items[0].code", equalTo("CANNOT_MONITOR"));
        as("viewer").queryParam("severity", "CRITICAL").queryParam("status", "ACTIVE").get("/api/v1/faults")
                .then().body("items.severity", everyItem(equalTo("CRITICAL"))).body("items.status", everyItem(equalTo("ACTIVE")));
    }

    @Test
    void deletingADSourceResolvesItsActiveFaults() {
        Api.DS ds = Api.link("RESTORING");
        String fault = raise(ds, "2026-11-23T08:00:00Z");
        Api.admin().delete("/api/v1/dsources/" + ds.id()).then().statusCode(204);
        FaultResolved resolved = Api.event(ds.id(), "io.timeflow.staging.fault.resolved.v1", FaultResolved.class);
        assertThat(resolved.faultId()).isEqualTo(fault);
        as("viewer").get("/api/v1/faults/" + fault).then().statusCode(404);
    }

    @Test
    void badFiltersAre400sUnknownFaultsAre404sAndOnlyOperatorsResolve() {
        as("viewer").queryParam("severity", "FATAL").get("/api/v1/faults").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("severity"));
        as("viewer").queryParam("status", "OPEN").get("/api/v1/faults").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as("viewer").queryParam("dsourceId", "x").get("/api/v1/faults").then().statusCode(400)
                .body("errors[0].field", equalTo("dsourceId"));
        as("viewer").get("/api/v1/faults/" + UUID.randomUUID()).then().statusCode(404);
        as("operator").post("/api/v1/faults/" + UUID.randomUUID() + "/ignore").then().statusCode(404);
        Api.DS ds = Api.link("RESTORING");
        String fault = raise(ds, "2026-11-23T08:00:00Z");
        as("viewer").post("/api/v1/faults/" + fault + "/resolve").then().statusCode(403);
        as("agent").post("/api/v1/faults/" + fault + "/resolve").then().statusCode(403);
        assertThat(activeFaults(ds)).isEqualTo(1);
    }

    private long activeFaults(Api.DS ds) {
        return Api.count(db, "select count(*) from fault where dsource_id = ?::uuid and status = 'ACTIVE'", ds.id());
    }
}
