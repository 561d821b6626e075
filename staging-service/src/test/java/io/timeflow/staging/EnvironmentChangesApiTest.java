package io.timeflow.staging;

import static io.timeflow.staging.Api.admin;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.EnvironmentUpdated;
import io.timeflow.events.staging.RepositoryAdded;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Changing and deleting staging environments, and their SQL Server instances (repositories). */
@QuarkusTest
class EnvironmentChangesApiTest {

    @Inject
    AgroalDataSource db;

    @Test
    void changingAnEnvironmentPublishesItsSettingsAndKeepsAssignedMountBases() {
        Api.DS ds = Api.link("RESTORING");
        admin().body("{\"timeZone\": \"Asia/Tokyo\", \"connectorPath\": \"D:\\\\Connector\"}")
                .patch("/api/v1/environments/" + ds.env().id())
                .then().statusCode(200).body("timeZone", equalTo("Asia/Tokyo")).body("connectorPath", equalTo("D:\\Connector"));
        EnvironmentUpdated updated = Api.event(ds.env().id(), "io.timeflow.staging.environment.updated.v1",
                EnvironmentUpdated.class);
        assertThat(updated.changed()).containsExactly("timeZone", "connectorPath");
        assertThat(updated.timeZone()).isEqualTo("Asia/Tokyo");
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("mountBase", equalTo(ds.mountBase()));
        // a new dSource on it gets the new connector path
        Api.DS later = Api.link("RESTORING", ds.env(), null);
        assertThat(later.mountBase()).startsWith("D:\\Connector\\");
    }

    @Test
    void environmentChangesAreValidated() {
        Api.Env env = Api.environment("WINDOWS");
        Api.Env other = Api.environment("WINDOWS");
        String otherName = as("viewer").get("/api/v1/environments/" + other.id()).then().extract().path("name");
        admin().body("{\"name\": \"" + otherName + "\"}").patch("/api/v1/environments/" + env.id())
                .then().statusCode(409).body("code", equalTo("NAME_TAKEN"));
        admin().body("{\"timeZone\": \"Nowhere/Special\"}").patch("/api/v1/environments/" + env.id())
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        admin().body("{\"osType\": \"LINUX\"}").patch("/api/v1/environments/" + env.id())
                .then().statusCode(400).body("errors[0].field", equalTo("osType"));
        admin().body("{\"host\": \"  \"}").patch("/api/v1/environments/" + env.id())
                .then().statusCode(400).body("errors[0].field", equalTo("host"));
        admin().body("{\"host\": \"h\"}").patch("/api/v1/environments/" + UUID.randomUUID()).then().statusCode(404);
        as("operator").body("{\"host\": \"h\"}").patch("/api/v1/environments/" + env.id()).then().statusCode(403);
    }

    @Test
    void repositoriesAreAddedListedByNameReadAndRemoved() {
        Api.Env env = Api.environment("WINDOWS");
        String second = admin().body("{\"name\": \"SQL2019\", \"version\": \"15.0.2000.5\"}")
                .post("/api/v1/environments/" + env.id() + "/repositories")
                .then().statusCode(201).body("environmentId", equalTo(env.id())).extract().path("id");
        RepositoryAdded added = Api.event(env.id(), "io.timeflow.staging.repository.added.v1", RepositoryAdded.class);
        assertThat(added.repositoryId()).isIn(env.repositoryId(), second);
        as("viewer").get("/api/v1/environments/" + env.id() + "/repositories")
                .then().statusCode(200).body("name", equalTo(List.of("MSSQLSERVER", "SQL2019")));
        as("viewer").get("/api/v1/environments/" + env.id() + "/repositories/" + second)
                .then().statusCode(200).body("version", equalTo("15.0.2000.5"));
        admin().body("{\"name\": \"sql2019\"}").post("/api/v1/environments/" + env.id() + "/repositories")
                .then().statusCode(409).body("code", equalTo("NAME_TAKEN"));
        admin().body("{\"name\": \"x\", \"port\": 70000}").post("/api/v1/environments/" + env.id() + "/repositories")
                .then().statusCode(400).body("errors[0].field", equalTo("port"));
        admin().body("{\"name\": \"x\"}").post("/api/v1/environments/" + UUID.randomUUID() + "/repositories")
                .then().statusCode(404);
        admin().delete("/api/v1/environments/" + env.id() + "/repositories/" + second).then().statusCode(204);
        Api.seen(env.id(), "io.timeflow.staging.repository.deleted.v1");
        as("viewer").get("/api/v1/environments/" + env.id() + "/repositories/" + second).then().statusCode(404);
        // a repository of another environment is not found under this one
        Api.Env other = Api.environment("WINDOWS");
        as("viewer").get("/api/v1/environments/" + env.id() + "/repositories/" + other.repositoryId()).then().statusCode(404);
        assertThat(Api.count(db, "select count(*) from sql_instance where environment_id = ?::uuid", env.id())).isEqualTo(1);
    }
}
