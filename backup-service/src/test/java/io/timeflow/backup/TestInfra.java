package io.timeflow.backup;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.timeflow.testing.TimeflowTestResource;

/** Every test of this module runs against the JVM's one real PostgreSQL and Kafka broker. */
@WithTestResource(value = TimeflowTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfra {
    private TestInfra() {
    }
}
