package io.timeflow.platform.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.Warning;
import io.timeflow.platform.security.Actor;

/**
 * Keeps the services native-ready (the {@code native} Maven profile): the platform classes that
 * Jackson writes outside a REST resource signature ({@link Problem} from exception mappers, the
 * generic {@link Page}, the audit {@link Actor}, the {@link Warning} kept in JSON columns), which Quarkus would not find
 * by itself.
 *
 * <p>The event records are registered by the events module itself, in the standard GraalVM file
 * {@code META-INF/native-image/io.timeflow/timeflow-events/reflect-config.json}, generated from the
 * event catalogue (the events module cannot depend on Quarkus, so that other systems can use it).
 */
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class, Page.class, Actor.class,
    Warning.class})
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
