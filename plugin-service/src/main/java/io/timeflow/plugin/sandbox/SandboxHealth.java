package io.timeflow.plugin.sandbox;

import io.smallrye.health.api.HealthGroup;
import io.timeflow.plugin.config.PluginServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the Python sandbox runs plugin code, as its warm-up found it: a health group of its own,
 * {@code /q/health/group/sandbox} on the management port. DOWN when the warm-up failed (the engine could not be built,
 * the warm-up plugin did not load, or the sandbox stopped it: a call limit too short for the machine, say), with how
 * it failed; UP while it runs and once it has passed, with its figures.
 *
 * <p>Not a readiness check: reading plugins and objects and writing objects need no sandbox, and the warm-up runs after
 * the service is ready (ADR 36), so readiness does not wait for it nor fail with it. Installs and upgrades need the
 * sandbox, and they fail with their own errors; this group says why before anybody tries (ADR 160).
 */
@HealthGroup(SandboxHealth.GROUP)
@ApplicationScoped
public class SandboxHealth implements HealthCheck {

    /** The group's name: {@code /q/health/group/sandbox}. */
    public static final String GROUP = "sandbox";

    private final SandboxWarmUp warmUp;
    private final PluginServiceConfig config;

    @Inject
    public SandboxHealth(SandboxWarmUp warmUp, PluginServiceConfig config) {
        this.warmUp = warmUp;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("python-sandbox");
        if (!config.sandbox().warmUp()) {
            return response.up().withData("warmUp", "off").build(); // nothing tried the sandbox: UP, as before
        }
        SandboxWarmUp.WarmUp done = warmUp.warmedUp().toCompletableFuture().getNow(null);
        if (done == null) {
            return response.up().withData("warmUp", "running").build();
        }
        if (done.failure() != null) {
            return response.down().withData("warmUp", "failed").withData("failure", done.failure()).build();
        }
        return response.up().withData("warmUp", "passed").withData("objects", done.objects())
                .withData("millis", done.millis()).build();
    }
}
