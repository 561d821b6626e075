package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.testing.TopicProbe;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The trace of the request that made a change continues in the service that consumes its event:
 * the consumer's span belongs to the trace named by the record's {@code traceparent} header.
 */
@QuarkusTest
class TraceContextTest {

    /** Collects the spans this service finishes (an exporter the test adds beside the configured one). */
    @Singleton
    public static class CollectingExporter implements SpanExporter {
        static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            SPANS.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Test
    void theConsumersSpanContinuesTheTraceOfTheProducingRequest() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = traceId.substring(0, 16);
        String id = UUID.randomUUID().toString();
        EnvironmentRegistered event = new EnvironmentRegistered(id, "traced", "h", "LINUX", "UTC", "/opt", Instant.now());
        TopicProbe.send("timeflow.staging.v1", id, Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, "io.timeflow.staging.environment.registered.v1",
                CloudEventHeaders.SOURCE, "/timeflow/staging-service",
                CloudEventHeaders.SUBJECT, id,
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpan + "-01"),
                EventJson.write(event));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(CollectingExporter.SPANS).anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getParentSpanId()).isEqualTo(parentSpan);
                }));
    }
}
