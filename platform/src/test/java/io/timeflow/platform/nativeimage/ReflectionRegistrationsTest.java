package io.timeflow.platform.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventJson;
import io.timeflow.events.EventType;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Native images can read and write every event payload and every platform body written outside a resource. */
class ReflectionRegistrationsTest {

    @Test
    void theEventsJarRegistersEveryPayloadOfTheCatalogueForReflection() throws Exception {
        Set<String> registered = new HashSet<>();
        try (InputStream in = EventCatalog.class.getResourceAsStream(
                "/META-INF/native-image/io.timeflow/timeflow-events/reflect-config.json")) {
            assertThat(in).as("the events jar carries its reflection configuration").isNotNull();
            for (JsonNode entry : EventJson.mapper().readTree(in)) {
                registered.add(entry.path("name").asText());
            }
        }
        for (EventType<?> type : EventCatalog.all()) {
            assertThat(registered).as("reflection configuration of the events jar").contains(type.javaType().getName());
        }
    }

    @Test
    void theProblemBodyAndItsFieldErrorsArePageAndActorAreRegistered() {
        Set<Class<?>> registered = Set.of(ReflectionRegistrations.class.getAnnotation(RegisterForReflection.class).targets());
        assertThat(registered).contains(io.timeflow.platform.problem.Problem.class,
                io.timeflow.platform.problem.Problem.FieldError.class, io.timeflow.platform.api.Page.class,
                io.timeflow.platform.security.Actor.class);
    }
}
