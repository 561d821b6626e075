package io.timeflow.events.staging;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.timeflow.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fields added to staging events inside v1 leave events of the original shape valid and readable. */
class StagingEventsCompatibilityTest {

    static final String ORIGINAL_ATTACHED = """
            {"dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01", "stagingDatabaseName": "sales_staging_2",
             "databaseStateMode": "RESTORING", "environmentId": "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10",
             "repositoryId": "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", "attachedAt": "2026-11-23T08:00:00Z"}""";

    @Test
    void aDSourceAttachedOfTheOriginalShapeStillValidatesAndReads() throws IOException {
        String schema;
        try (InputStream in = getClass().getResourceAsStream(StagingEvents.DSOURCE_ATTACHED.schemaResource())) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema)
                .validate(ORIGINAL_ATTACHED, InputFormat.JSON)).isEmpty();
        DSourceAttached read = EventJson.read(ORIGINAL_ATTACHED, DSourceAttached.class);
        assertThat(read.stagingDatabaseName()).isEqualTo("sales_staging_2");
        assertThat(read.mountBase()).isNull();
        assertThat(read.timeZone()).isNull();
    }

    @Test
    void theOriginalConstructorOfDSourceAttachedStillWorks() {
        DSourceAttached e = new DSourceAttached("d", "db", DatabaseStateMode.ONLINE, "e", "r", Instant.EPOCH);
        assertThat(e.mountBase()).isNull();
        assertThat(EventJson.write(e)).doesNotContain("mountBase");
    }

    static final String ORIGINAL_LINKED = """
            {"dsourceId": "3f2c9a4e-8b1d-4e57-a9c2-5d6e7f8a9b01", "name": "sales", "stagingDatabaseName": "sales_staging",
             "databaseStateMode": "RESTORING", "environmentId": "6f1c1f7e-2b7c-4c2e-9d55-0c6f3c1b9a10",
             "repositoryId": "b8c4e1f2-0a3d-4f5e-8c7b-6a9d2e1f3c45", "pluginId": "mssql-staging-push",
             "mountBase": "C:\\\\DelphixConnector\\\\e-Staging-1\\\\DATA\\\\DB", "timeZone": "Europe/Paris",
             "linkedAt": "2026-11-23T08:00:00Z"}""";

    @Test
    void aDSourceLinkedOfTheOriginalShapeStillValidatesAndReadsWithoutHooksPolicyOrIngestionType() throws IOException {
        String schema;
        try (InputStream in = getClass().getResourceAsStream(StagingEvents.DSOURCE_LINKED.schemaResource())) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema)
                .validate(ORIGINAL_LINKED, InputFormat.JSON)).isEmpty();
        DSourceLinked read = EventJson.read(ORIGINAL_LINKED, DSourceLinked.class);
        assertThat(read.name()).isEqualTo("sales");
        assertThat(read.hookPhases()).isNull();
        assertThat(read.syncPolicyId()).isNull();
        assertThat(read.ingestionType()).isNull();
    }

    @Test
    void theOriginalConstructorsOfTheExtendedEventsLeaveTheNewFieldsOut() {
        assertThat(EventJson.write(new DSourceUpdated("d", java.util.List.of("notes"), Instant.EPOCH)))
                .doesNotContain("hookPhases");
        assertThat(EventJson.write(new DatabaseStateChanged("d", DatabaseState.ONLINE, true, java.util.List.of(), true,
                Instant.EPOCH))).doesNotContain("filesOutsideMountDir");
    }
}
