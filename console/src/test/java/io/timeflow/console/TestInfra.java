package io.timeflow.console;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every @QuarkusTest of the console shares one console service, the JVM's real broker and the stand-ins. */
@WithTestResource(value = ConsoleTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfra {
    private TestInfra() {
    }
}
