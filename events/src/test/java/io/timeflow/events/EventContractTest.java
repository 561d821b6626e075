package io.timeflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds every event record of the contract to its JSON Schema: the example of each type, serialised
 * the way the outbox serialises it, must validate, must not carry a field the schema does not
 * declare, and must read back into an equal record.
 */
class EventContractTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    static JsonNode schemaOf(EventType<?> type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema file %s", type.schemaResource()).isNotNull();
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEventSerialisesToItsSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        return EventCatalog.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode schemaNode = schemaOf(type);
            Schema schema = registry.getSchema(schemaNode.toString());
            String json = EventJson.write(type.example());
            List<Error> errors = schema.validate(json, InputFormat.JSON);
            assertThat(errors).as("%s against its schema", type.name()).isEmpty();

            JsonNode instance = JSON.readTree(json);
            JsonNode declared = schemaNode.path("properties");
            List<String> undeclared = new ArrayList<>();
            for (Iterator<String> it = instance.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!declared.has(field)) {
                    undeclared.add(field);
                }
            }
            assertThat(undeclared).as("fields of %s that its schema does not declare", type.name()).isEmpty();

            Object back = JSON.readValue(json, type.javaType());
            assertThat(back).isEqualTo(type.example());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySchemaFollowsTheHouseRules() {
        return EventCatalog.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            JsonNode schema = schemaOf(type);
            assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
            assertThat(schema.path("$id").asText()).isEqualTo("urn:timeflow:event:" + type.name());
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(schema.path("description").asText()).isNotBlank();
            // every record component is declared, so a field added to a record is not forgotten in the schema
            for (var component : type.javaType().getRecordComponents()) {
                assertThat(schema.path("properties").has(component.getName()))
                        .as("%s declares %s", type.name(), component.getName()).isTrue();
            }
        }));
    }

    @Test
    void aSchemaRefusesAPayloadThatBreaksIt() {
        // guards the test above: the validator really validates
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        EventType<?> type = EventCatalog.all().get(0);
        Schema schema = registry.getSchema(schemaOf(type).toString());
        List<Error> errors = schema.validate("{\"unexpected\": 1}", InputFormat.JSON);
        assertThat(errors).isNotEmpty();
    }

    @Test
    void typeNamesAreUniqueAndOnTheirContextsTopic() {
        assertThat(EventCatalog.all()).extracting(EventType::name).doesNotHaveDuplicates();
        for (EventType<?> type : EventCatalog.all()) {
            assertThat(type.topic().topicName()).isEqualTo("timeflow." + type.name().split("\\.")[2] + ".v1");
            assertThat(type.example().aggregateId()).as("example of %s has a key", type.name()).isNotBlank();
        }
    }
}
