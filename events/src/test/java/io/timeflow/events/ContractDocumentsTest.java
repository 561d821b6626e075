package io.timeflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document and the events catalogue in the docs are generated from the catalogue of
 * event types and their schemas, and committed. This test fails when a committed document differs
 * from what the code describes; run {@code mvn -pl events test -Dcontract.update=true} to rewrite them. The same goes for the
 * GraalVM reflection configuration of the event records, which keeps them native-ready.
 */
class ContractDocumentsTest {

    static final Path ASYNCAPI = Path.of("src/main/resources/io/timeflow/events/asyncapi.yaml");
    static final Path EVENTS_DOC = Path.of("../docs/events.md");
    /** GraalVM's standard location, read by native-image from the jar: events stay native-ready without Quarkus. */
    static final Path REFLECT_CONFIG =
            Path.of("src/main/resources/META-INF/native-image/io.timeflow/timeflow-events/reflect-config.json");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    @Test
    void committedAsyncApiDocumentMatchesTheCatalogue() throws IOException {
        checkOrUpdate(ASYNCAPI, YAML.writeValueAsString(asyncApi()));
    }

    @Test
    void committedEventsCatalogueMatchesTheCatalogue() throws IOException {
        checkOrUpdate(EVENTS_DOC, eventsMarkdown());
    }

    @Test
    void committedNativeImageReflectionConfigCoversEveryPayloadAndTheTypesInside() throws IOException {
        checkOrUpdate(REFLECT_CONFIG, reflectConfig());
    }

    /** Every event record and the Timeflow records and enums inside it, for native-image reflection (Jackson). */
    static String reflectConfig() throws IOException {
        java.util.Set<Class<?>> types = new java.util.TreeSet<>(java.util.Comparator.comparing(Class::getName));
        for (EventType<?> type : EventCatalog.all()) {
            collect(type.javaType(), types);
        }
        com.fasterxml.jackson.databind.node.ArrayNode entries = F.arrayNode();
        for (Class<?> c : types) {
            entries.addObject()
                    .put("name", c.getName())
                    .put("allDeclaredConstructors", true)
                    .put("allPublicConstructors", true)
                    .put("allDeclaredMethods", true)
                    .put("allPublicMethods", true)
                    .put("allDeclaredFields", true)
                    .put("allPublicFields", true);
        }
        return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(entries) + "\n";
    }

    private static void collect(java.lang.reflect.Type type, java.util.Set<Class<?>> into) {
        if (type instanceof Class<?> c) {
            Class<?> k = c.isArray() ? c.getComponentType() : c;
            if (!k.getName().startsWith("io.timeflow.") || !into.add(k)) {
                return;
            }
            if (k.isRecord()) {
                for (var component : k.getRecordComponents()) {
                    collect(component.getGenericType(), into);
                }
            }
        } else if (type instanceof java.lang.reflect.ParameterizedType p) {
            collect(p.getRawType(), into);
            for (var arg : p.getActualTypeArguments()) {
                collect(arg, into);
            }
        }
    }

    @Test
    void asyncApiDocumentDescribesEveryTypeOnItsTopic() {
        JsonNode doc = asyncApi();
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        for (EventType<?> type : EventCatalog.all()) {
            String channel = channelName(type.topic());
            assertThat(doc.path("channels").path(channel).path("address").asText()).isEqualTo(type.topic().topicName());
            assertThat(doc.path("channels").path(channel).path("messages").has(messageName(type))).isTrue();
            assertThat(doc.path("components").path("messages").path(messageName(type)).path("payload").path("required"))
                    .isNotNull();
        }
    }

    private static void checkOrUpdate(Path file, String expected) throws IOException {
        if (Boolean.getBoolean("contract.update")) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("%s is committed (run mvn -pl events test -Dcontract.update=true)", file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is out of date: run mvn -pl events test -Dcontract.update=true and commit the result", file)
                .isEqualTo(expected);
    }

    static String channelName(Topic topic) {
        return topic.name().toLowerCase(Locale.ROOT);
    }

    static String messageName(EventType<?> type) {
        return type.name();
    }

    static ObjectNode asyncApi() {
        ObjectNode doc = F.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Timeflow events");
        info.put("version", "1.0.0");
        info.put("description", "The events the Timeflow services publish. Each message is a CloudEvent 1.0 in Kafka "
                + "binary content mode: the attributes are ce_* headers, the record value is the JSON payload and the "
                + "record key is the id of the aggregate the event is about, so events about one aggregate keep their "
                + "order. Inside v1 only additive changes are made: consumers must ignore fields they do not know.");
        doc.put("defaultContentType", CloudEventHeaders.JSON);

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        for (Topic topic : Topic.values()) {
            String channel = channelName(topic);
            ObjectNode c = channels.putObject(channel);
            c.put("address", topic.topicName());
            c.put("description", "Events of the " + channel + " context, keyed by aggregate id.");
            ObjectNode messages = c.putObject("messages");
            ObjectNode op = operations.putObject("publish" + capitalise(channel));
            op.put("action", "send");
            op.putObject("channel").put("$ref", "#/channels/" + channel);
            ArrayNode opMessages = op.putArray("messages");
            for (EventType<?> type : EventCatalog.onTopic(topic)) {
                messages.putObject(messageName(type)).put("$ref", "#/components/messages/" + messageName(type));
                opMessages.addObject().put("$ref", "#/channels/" + channel + "/messages/" + messageName(type));
            }
        }

        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        for (EventType<?> type : EventCatalog.all()) {
            ObjectNode m = messages.putObject(messageName(type));
            m.put("name", type.name());
            m.put("title", type.javaType().getSimpleName());
            m.put("summary", type.description());
            m.put("contentType", CloudEventHeaders.JSON);
            m.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
            ObjectNode payload = EventContractTest.schemaOf(type).deepCopy();
            payload.remove("$schema");
            payload.remove("$id");
            m.set("payload", payload);
            ObjectNode key = m.putObject("bindings").putObject("kafka");
            key.putObject("key").put("type", "string").put("description", "id of the " + type.aggregateType());
            key.put("bindingVersion", "0.5.0");
            ObjectNode example = m.putArray("examples").addObject();
            example.putObject("headers")
                    .put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                    .put(CloudEventHeaders.TYPE, type.name())
                    .put(CloudEventHeaders.SUBJECT, type.example().aggregateId());
            example.set("payload", EventJson.mapper().valueToTree(type.example()));
        }
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode headers = schemas.putObject("CloudEventHeaders");
        headers.put("type", "object");
        headers.putArray("required").add(CloudEventHeaders.SPEC_VERSION).add(CloudEventHeaders.ID)
                .add(CloudEventHeaders.TYPE).add(CloudEventHeaders.SOURCE).add(CloudEventHeaders.SUBJECT)
                .add(CloudEventHeaders.TIME).add(CloudEventHeaders.CONTENT_TYPE);
        ObjectNode props = headers.putObject("properties");
        header(props, CloudEventHeaders.SPEC_VERSION, "CloudEvents version, always 1.0").putArray("enum").add("1.0");
        header(props, CloudEventHeaders.ID, "unique id of the event; a consumer that sees an id twice applies it once");
        header(props, CloudEventHeaders.TYPE, "the event type, e.g. io.timeflow.staging.environment.registered.v1");
        header(props, CloudEventHeaders.SOURCE, "the producing service, e.g. /timeflow/staging-service");
        header(props, CloudEventHeaders.SUBJECT, "the aggregate id, equal to the record key");
        header(props, CloudEventHeaders.TIME, "when the change was committed (RFC 3339)").put("format", "date-time");
        header(props, CloudEventHeaders.DATA_SCHEMA, "URN of the payload's JSON Schema");
        header(props, CloudEventHeaders.CONTENT_TYPE, "always application/json");
        header(props, CloudEventHeaders.ACTOR, "who made the change: token subject or API key name");
        header(props, CloudEventHeaders.ACTOR_ROLE, "the role under which the change was made");
        header(props, CloudEventHeaders.ACTOR_CREDENTIAL, "id of the token or API key that authenticated the change");
        header(props, CloudEventHeaders.TRACEPARENT, "W3C trace context of the request that made the change");
        return doc;
    }

    private static ObjectNode header(ObjectNode props, String name, String description) {
        ObjectNode h = props.putObject(name);
        h.put("type", "string");
        h.put("description", description);
        return h;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String eventsMarkdown() throws IOException {
        ObjectMapper json = EventJson.mapper().copy().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        StringBuilder md = new StringBuilder();
        md.append("# Events catalogue\n\n");
        md.append("<!-- generated from the events module by ContractDocumentsTest; do not edit by hand: run\n");
        md.append("     mvn -pl events test -Dcontract.update=true -->\n\n");
        md.append("Timeflow publishes CloudEvents 1.0 on four Kafka topics in binary content mode: the CloudEvents\n");
        md.append("attributes travel as `ce_*` record headers, the record value is the JSON payload, and the record key is\n");
        md.append("the id of the aggregate the event is about (so events about one dSource, plugin or backup stay in order).\n");
        md.append("The machine-readable contract is the AsyncAPI 3 document\n");
        md.append("[`events/src/main/resources/io/timeflow/events/asyncapi.yaml`](../events/src/main/resources/io/timeflow/events/asyncapi.yaml)\n");
        md.append("with one JSON Schema (draft-07) per type under\n");
        md.append("[`events/src/main/resources/io/timeflow/events/schemas/`](../events/src/main/resources/io/timeflow/events/schemas/).\n");
        md.append("The `timeflow-events` jar carries the same records and schemas for Java consumers.\n\n");
        md.append("Delivery is at least once: a consumer keeps the `ce_id` values it has applied and skips a repeat.\n");
        md.append("Inside `v1` only additive changes are made; ignore fields you do not know.\n\n");
        md.append("## Headers\n\n| header | meaning |\n|---|---|\n");
        JsonNode props = asyncApi().path("components").path("schemas").path("CloudEventHeaders").path("properties");
        props.fieldNames().forEachRemaining(name -> md.append("| `").append(name).append("` | ")
                .append(props.path(name).path("description").asText()).append(" |\n"));
        for (Topic topic : Topic.values()) {
            md.append("\n## `").append(topic.topicName()).append("`\n\n");
            var types = EventCatalog.onTopic(topic);
            if (types.isEmpty()) {
                md.append("No event types yet.\n");
                continue;
            }
            md.append("| type | key | meaning |\n|---|---|---|\n");
            for (EventType<?> type : types) {
                md.append("| `").append(type.name()).append("` | ").append(type.aggregateType()).append(" id | ")
                        .append(type.description()).append(" |\n");
            }
            for (EventType<?> type : types) {
                md.append("\n### `").append(type.name()).append("`\n\n").append(type.description()).append("\n\n");
                md.append("Schema: [`").append(type.name()).append(".json`](../events/src/main/resources")
                        .append(type.schemaResource()).append("). Example payload (key `")
                        .append(type.example().aggregateId()).append("`):\n\n```json\n")
                        .append(json.writeValueAsString(type.example())).append("\n```\n");
            }
        }
        md.append("\n## A consumer in a few lines\n\n");
        md.append("With the plain Kafka client (any language works the same way: read the `ce_type` header, then the JSON value):\n\n");
        md.append("```java\n");
        md.append("Properties p = new Properties();\n");
        md.append("p.put(\"bootstrap.servers\", \"localhost:9092\");\n");
        md.append("p.put(\"group.id\", \"my-inventory\");\n");
        md.append("p.put(\"key.deserializer\", StringDeserializer.class.getName());\n");
        md.append("p.put(\"value.deserializer\", StringDeserializer.class.getName());\n");
        md.append("try (var consumer = new KafkaConsumer<String, String>(p)) {\n");
        md.append("    consumer.subscribe(List.of(\"timeflow.staging.v1\"));\n");
        md.append("    while (true) {\n");
        md.append("        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {\n");
        md.append("            String type = new String(r.headers().lastHeader(\"ce_type\").value(), UTF_8);\n");
        md.append("            String id = new String(r.headers().lastHeader(\"ce_id\").value(), UTF_8);\n");
        md.append("            // skip ids already applied (delivery is at least once), then act on the type\n");
        md.append("            System.out.printf(\"%s %s key=%s %s%n\", id, type, r.key(), r.value());\n");
        md.append("        }\n");
        md.append("    }\n");
        md.append("}\n");
        md.append("```\n\n");
        md.append("Java consumers can depend on `io.timeflow:timeflow-events` and read a payload into its record with\n");
        md.append("`EventJson.read(value, EventCatalog.byName(type).orElseThrow().javaType())`.\n");
        return md.toString();
    }
}
