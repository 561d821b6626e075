package io.timeflow.snapshot;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.timeflow.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Calls of snapshot-service's API as an operator, a viewer or an admin would make them. */
final class Api {

    private Api() {
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRoles(role)).contentType(ContentType.JSON);
    }

    /** Asks for a SnapSync (202) and returns the job's id. */
    static String snapsync(String dsourceId) {
        return as("operator").body(Map.of("dsourceId", dsourceId)).post("/api/v1/snapsync")
                .then().statusCode(202).extract().path("id");
    }

    /** Waits for the job to end and returns it. */
    static JsonPath awaitJob(String jobId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                List.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELLED").contains(
                        as("viewer").get("/api/v1/snapsync/" + jobId).then().statusCode(200).extract().<String>path("state")));
        return as("viewer").get("/api/v1/snapsync/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    /** A SnapSync from request to end. */
    static JsonPath snapsyncToEnd(String dsourceId) {
        return awaitJob(snapsync(dsourceId));
    }

    static ValidatableResponse snapshots(String dsourceId) {
        return as("viewer").queryParam("dsourceId", dsourceId).queryParam("limit", 500).get("/api/v1/snapshots")
                .then().statusCode(200);
    }

    static ValidatableResponse timeflows(String dsourceId) {
        return as("viewer").queryParam("dsourceId", dsourceId).get("/api/v1/timeflows").then().statusCode(200);
    }
}
