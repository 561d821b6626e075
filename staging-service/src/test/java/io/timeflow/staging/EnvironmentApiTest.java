package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registering a staging environment, what its event looks like on the topic, and every way to get it wrong. */
@QuarkusTest
class EnvironmentApiTest {

    @Inject
    AgroalDataSource db;

    static String body(String name) {
        return """
                {"name": "%s", "host": "sqlstage-01.corp.example", "osType": "WINDOWS",
                 "timeZone": "Europe/Paris", "connectorPath": "C:\\\\Program Files\\\\Delphix\\\\DelphixConnector"}
                """.formatted(name);
    }

    @Test
    void registeringAnEnvironmentAnswers201AndPublishesItsEventThroughTheOutbox() {
        String name = "env-" + UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(name))
                .when().post("/api/v1/environments")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/environments/"))
                .body("name", equalTo(name))
                .body("timeZone", equalTo("Europe/Paris"))
                .body("osType", equalTo("WINDOWS"))
                .extract().path("id");

        given().auth().oauth2(TestTokens.forRoles("viewer")).when().get("/api/v1/environments/" + id)
                .then().statusCode(200).body("connectorPath", equalTo("C:\\Program Files\\Delphix\\DelphixConnector"));

        TopicProbe.Seen seen = TopicProbe.await("timeflow.staging.v1", r -> id.equals(r.key()), Duration.ofSeconds(20));
        assertThat(seen.headers())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                .containsEntry(CloudEventHeaders.TYPE, "io.timeflow.staging.environment.registered.v1")
                .containsEntry(CloudEventHeaders.SOURCE, "/timeflow/staging-service")
                .containsEntry(CloudEventHeaders.SUBJECT, id)
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, "application/json")
                .containsEntry(CloudEventHeaders.ACTOR, "admin-user")
                .containsEntry(CloudEventHeaders.ACTOR_ROLE, "admin")
                .containsKeys(CloudEventHeaders.ID, CloudEventHeaders.TIME, CloudEventHeaders.ACTOR_CREDENTIAL);
        EnvironmentRegistered event = EventJson.read(seen.value(), EnvironmentRegistered.class);
        assertThat(event.environmentId()).isEqualTo(id);
        assertThat(event.name()).isEqualTo(name);
        assertThat(event.timeZone()).isEqualTo("Europe/Paris");
    }

    @Test
    void aSecondEnvironmentWithTheSameNameIsAConflictAndWritesNothing() throws Exception {
        String name = "dup-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(name))
                .post("/api/v1/environments").then().statusCode(201);
        long outboxBefore = count("select count(*) from outbox");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(name.toUpperCase()))
                .when().post("/api/v1/environments")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("NAME_TAKEN"))
                .body("type", equalTo("urn:timeflow:problem:name-taken"))
                .body("context.name", equalTo(name.toUpperCase()));

        assertThat(count("select count(*) from environment where lower(name) = lower('" + name + "')")).isEqualTo(1);
        assertThat(count("select count(*) from outbox")).isEqualTo(outboxBefore);
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\": \"x\",")
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void anUnknownEnumValueIsA400NamingTheFieldAndTheChoices() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body("enum-" + UUID.randomUUID()).replace("WINDOWS", "SOLARIS"))
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("osType"))
                .body("errors[0].message", equalTo("must be one of [WINDOWS, LINUX]"));
    }

    @Test
    void missingRequiredFieldsAreA400NamingEachOfThem() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"host\": \"h\", \"osType\": \"LINUX\"}")
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("timeZone"))
                .body("errors.field", hasItem("connectorPath"));
    }

    @Test
    void aWrongTypeIsA400NamingTheField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body("x").replace("\"name\": \"x\"", "\"name\": 42"))
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must be a string"));
    }

    @Test
    void anUnknownFieldIsA400RatherThanSilentlyIgnored() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body("typo-" + UUID.randomUUID()).replace("\"host\"", "\"hots\""))
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("hots"));
    }

    @Test
    void anUnknownTimeZoneIsA400NamingTheField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body("tz-" + UUID.randomUUID()).replace("Europe/Paris", "Mars/Olympus"))
                .when().post("/api/v1/environments")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("timeZone"));
    }

    @Test
    void anUnknownIdIsA404AndAnUnknownPathToo() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/environments/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutATokenItIs401AndWithTooSmallARoleItIs403() {
        given().contentType(ContentType.JSON).body(body("anon")).when().post("/api/v1/environments")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.forRoles("viewer")).contentType(ContentType.JSON).body(body("viewer"))
                .when().post("/api/v1/environments")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRoles("agent")).when().get("/api/v1/environments")
                .then().statusCode(403);
    }

    @Test
    void theListIsPagedAndSortedByName() {
        String prefix = "page-" + UUID.randomUUID() + "-";
        for (String suffix : new String[] {"c", "a", "b"}) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(prefix + suffix))
                    .post("/api/v1/environments").then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.forRoles("operator")).queryParam("limit", 500)
                .when().get("/api/v1/environments")
                .then().statusCode(200)
                .body("limit", equalTo(500))
                .body("items.findAll { it.name.startsWith('" + prefix + "') }.name",
                        equalTo(java.util.List.of(prefix + "a", prefix + "b", prefix + "c")));
        given().auth().oauth2(TestTokens.admin()).queryParam("limit", 0).when().get("/api/v1/environments")
                .then().statusCode(400).body("errors[0].field", startsWith("limit"));
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
