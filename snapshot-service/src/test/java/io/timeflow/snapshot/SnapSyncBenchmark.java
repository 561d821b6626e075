package io.timeflow.snapshot;

import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.CloudEventHeaders;
import io.timeflow.events.EventCatalog;
import io.timeflow.events.EventJson;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.snapshot.domain.rules.PrerequisiteResult;
import io.timeflow.snapshot.domain.rules.RestoredBackup;
import io.timeflow.snapshot.domain.rules.SnapSyncDecision;
import io.timeflow.snapshot.domain.rules.SnapSyncPrerequisites;
import io.timeflow.snapshot.domain.rules.StagingView;
import io.timeflow.testing.Infra;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not assertions: run with {@code mvn -Pbenchmark -pl snapshot-service -am verify}.
 * <ul>
 * <li>SnapSync decisions per second (prerequisites and criteria, pure);</li>
 * <li>SnapSync jobs per second through the API, request to SUCCEEDED, against the real database;</li>
 * <li>the time from a restore.completed event put on {@code timeflow.staging.v1} to snapshot-service's
 * view having it (p50, p99).</li>
 * </ul>
 */
@QuarkusTest
@Tag("benchmark")
class SnapSyncBenchmark {

    @Test
    void snapSyncDecisionsPerSecond() {
        List<StagingView> views = new ArrayList<>();
        List<Optional<RestoredBackup>> backups = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            DatabaseStateMode mode = i % 3 == 0 ? DatabaseStateMode.ONLINE : DatabaseStateMode.RESTORING;
            DatabaseState state = i % 17 == 0 ? DatabaseState.ONLINE : mode == DatabaseStateMode.ONLINE
                    ? DatabaseState.ONLINE : DatabaseState.RESTORING;
            views.add(new StagingView(mode, i % 29 != 0, true, false, state, true, i % 31 != 0, true,
                    i % 13 == 0 ? Optional.of("r") : Optional.empty(), i % 37 == 0 ? Set.of("CANNOT_MONITOR") : Set.of(),
                    Optional.empty()));
            backups.add(i % 11 == 0 ? Optional.empty() : Optional.of(new RestoredBackup("r" + i, BackupType.LOG, "f",
                    BigInteger.valueOf(i * 1000L), BigInteger.valueOf(i * 1000L + 999), BigInteger.valueOf(i * 1000L),
                    BigInteger.ONE, "fork-" + (i % 4), Instant.EPOCH, Instant.EPOCH, i % 7 == 0)));
        }
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            int n = 2_000_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                int k = i & 1023;
                List<PrerequisiteResult> prerequisites = SnapSyncPrerequisites.evaluate(views.get(k));
                SnapSyncDecision.Outcome o = SnapSyncDecision.decide(SnapSyncDecision.Trigger.POLICY, prerequisites,
                        backups.get(k), Optional.empty(), views.get(k).mode(), "fork-1",
                        key -> (key.hashCode() & 3) == 0 ? Optional.of(UUID.nameUUIDFromBytes(key.getBytes()))
                                : Optional.empty());
                sink += o.getClass().hashCode();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("[SnapSyncBenchmark] decisions: round %d, %,d in %.2f s = %,.0f decisions/s%n", round + 1,
                    n, seconds, n / seconds);
        }
        System.out.println("[SnapSyncBenchmark] (sink " + (sink & 1) + ")");
    }

    @Test
    void snapSyncJobsPerSecondThroughTheApi() {
        StagingStory story = StagingStory.restoring().linked();
        int n = 100;
        List<Long> millis = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            story.restore(story.log());
            long s = System.nanoTime();
            Api.snapsyncToEnd(story.dsourceId);
            millis.add((System.nanoTime() - s) / 1_000_000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Collections.sort(millis);
        System.out.printf("[SnapSyncBenchmark] jobs: %d SnapSyncs (each after a new restore) in %.1f s; request to "
                        + "SUCCEEDED p50 %d ms, p99 %d ms, i.e. %.1f jobs/s sequentially%n", n, seconds,
                millis.get(n / 2), millis.get(n * 99 / 100), n / (millis.stream().mapToLong(Long::longValue).sum() / 1e3));
    }

    @Test
    void restoreCompletedOnTheTopicToTheViewHavingIt() throws Exception {
        StagingStory story = StagingStory.restoring().linked();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        int warmup = 20;
        int n = 300;
        List<Long> micros = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
                Connection db = StagingStory.connect();
                PreparedStatement applied = db.prepareStatement("select recorded_at from restore where id = ?")) {
            for (int i = 0; i < warmup + n; i++) {
                BackupSet set = story.log();
                String restoreId = UUID.randomUUID().toString();
                RestoreCompleted event = new RestoreCompleted(story.dsourceId, restoreId, set, false, true,
                        List.of(story.mountBase + "\\sp.mdf"), Instant.now(), Instant.now());
                ProducerRecord<String, String> record = new ProducerRecord<>(StagingStory.STAGING, story.dsourceId,
                        EventJson.write(event));
                header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
                header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                header(record, CloudEventHeaders.TYPE, EventCatalog.of(RestoreCompleted.class).name());
                header(record, CloudEventHeaders.SOURCE, "/timeflow/staging-service");
                header(record, CloudEventHeaders.SUBJECT, story.dsourceId);
                header(record, CloudEventHeaders.TIME, Instant.now().toString());
                header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
                Instant sent = Instant.now();
                producer.send(record).get();
                Instant seen = awaitRecorded(applied, restoreId);
                if (i >= warmup) {
                    micros.add(Duration.between(sent, seen).toNanos() / 1_000);
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("[SnapSyncBenchmark] restore.completed put on timeflow.staging.v1 -> in snapshot-service's "
                        + "view: n=%d, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", n,
                micros.get(n / 2) / 1e3, micros.get(n * 9 / 10) / 1e3, micros.get(n * 99 / 100) / 1e3,
                micros.get(n - 1) / 1e3);
    }

    private static Instant awaitRecorded(PreparedStatement applied, String restoreId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            applied.setString(1, restoreId);
            try (ResultSet rs = applied.executeQuery()) {
                if (rs.next()) {
                    Timestamp t = rs.getTimestamp(1);
                    return t.toInstant();
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("restore " + restoreId + " never reached the view");
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
