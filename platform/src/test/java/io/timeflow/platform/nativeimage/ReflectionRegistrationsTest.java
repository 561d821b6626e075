package io.timeflow.platform.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The native-image reflection list covers every event payload and every Timeflow type inside one. */
class ReflectionRegistrationsTest {

    private static Set<Class<?>> registered() {
        return Set.of(ReflectionRegistrations.class.getAnnotation(RegisterForReflection.class).targets());
    }

    @Test
    void everyEventPayloadOfTheCatalogueAndEveryTypeInsideItIsRegistered() {
        Set<Class<?>> needed = new LinkedHashSet<>();
        for (EventType<?> type : EventCatalog.all()) {
            collect(type.javaType(), needed);
        }
        assertThat(needed).as("event payloads of the catalogue").isNotEmpty();
        assertThat(registered()).as("add these to ReflectionRegistrations").containsAll(needed);
    }

    @Test
    void theProblemBodyAndItsFieldErrorsAreRegistered() {
        Set<Class<?>> needed = new LinkedHashSet<>();
        collect(io.timeflow.platform.problem.Problem.class, needed);
        assertThat(needed).contains(io.timeflow.platform.problem.Problem.FieldError.class);
        assertThat(registered()).containsAll(needed);
    }

    /** The class and, for a record, the Timeflow records and enums its components use (also in lists, maps, optionals). */
    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (!type.getName().startsWith("io.timeflow.") || !into.add(type)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                collect(c.getGenericType(), into);
            }
        }
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c) {
            collect(c.isArray() ? c.getComponentType() : c, into);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            for (Type arg : List.of(p.getActualTypeArguments())) {
                collect(arg, into);
            }
        }
    }
}
