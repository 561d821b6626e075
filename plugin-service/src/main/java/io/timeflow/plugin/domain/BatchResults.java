package io.timeflow.plugin.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.timeflow.plugin.persistence.ObjectRepository;
import io.timeflow.plugin.sandbox.PluginRuntime;
import io.timeflow.plugin.schema.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a batch of an upgrade came to, object by object, once the sandbox answered: each object's error, or its
 * migrated form validated against the new schema and sealed again, as the report line the upgrade keeps; or, when
 * the sandbox stopped the batch, the object it stopped at and the ones not run.
 */
final class BatchResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VIOLATIONS_IN_MESSAGE = 5;

    private final ObjectSealer sealer;

    BatchResults(ObjectSealer sealer) {
        this.sealer = sealer;
    }

    /** The sandbox stopped the batch: the object it was running fails with the stop's code, the rest were not run. */
    List<ReportLine> afterStop(UpgradeJob job, UpgradeRunner.Batch work, PluginRuntime.Stopped stop) {
        List<Migration> chain = work.chain();
        List<ObjectRepository.Stored> batch = work.objects();
        int stoppedAt = Math.max(0, stop.objectIndex());
        List<ReportLine> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ObjectRepository.Stored stored = batch.get(i);
            long seq = work.firstSeq() + i;
            if (i != stoppedAt) {
                rows.add(ReportLine.notRun(stored, seq));
                continue;
            }
            Migration m = stop.step() >= 0 && stop.step() < chain.size() ? chain.get(stop.step()) : null;
            UpgradeCode code = switch (stop.reason()) {
                case TIME_LIMIT -> UpgradeCode.MIGRATION_TIMED_OUT;
                case STATEMENT_LIMIT -> UpgradeCode.MIGRATION_LIMIT_EXCEEDED;
                default -> UpgradeCode.SANDBOX_VIOLATION;
            };
            String message = subject(work, stored) + ": " + (m == null ? "the migrations" : "migration "
                    + m.id().spelling() + " (" + m.function() + ", " + m.file() + " line " + m.line() + ")") + " "
                    + stop.reason().description();
            job.failed(code, message);
            rows.add(ReportLine.failed(stored, seq, m, code, message));
        }
        return rows;
    }

    /**
     * The sandbox answered each object ({@code answers[i]}: {@code ok} with the migrated object, or {@code error}):
     * an error fails the object (its description redacted), a migrated object is validated against the new schema
     * and, valid, sealed by it.
     */
    List<ReportLine> judge(UpgradeJob job, UpgradeRunner.Batch work, List<JsonNode> answers, Redactor redactor) {
        ObjectType type = work.type();
        List<Migration> chain = work.chain();
        Migration last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
        List<ObjectRepository.Stored> batch = work.objects();
        List<ReportLine> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ObjectRepository.Stored stored = batch.get(i);
            String subject = subject(work, stored);
            long seq = work.firstSeq() + i;
            JsonNode answer = answers.get(i);
            if (answer.has("error")) {
                MigrationError error = MigrationError.from(answer.get("error"), chain.size());
                Migration m = error.migration(chain);
                String redacted = redactor.redact(error.describe(subject, m));
                job.failed(error.code(), redacted);
                rows.add(ReportLine.failed(stored, seq, m, error.code(), redacted));
                continue;
            }
            JsonNode result = answer.get("ok");
            collectSecrets(job, redactor, type, result, null);
            List<Violation> violations = job.newSchema.validate(type, result);
            if (!violations.isEmpty()) {
                String after = last == null ? "without migrations (none are new for its type)"
                        : "after migration " + last.id().spelling();
                String message = subject + " " + after + " does not conform to the new schema: "
                        + violations.stream().limit(MAX_VIOLATIONS_IN_MESSAGE).map(Violation::describe)
                                .collect(Collectors.joining("; "))
                        + (violations.size() > MAX_VIOLATIONS_IN_MESSAGE
                                ? "; and " + (violations.size() - MAX_VIOLATIONS_IN_MESSAGE) + " more" : "");
                job.failed(UpgradeCode.SCHEMA_VALIDATION_FAILED, message);
                rows.add(ReportLine.failed(stored, seq, last, UpgradeCode.SCHEMA_VALIDATION_FAILED, message));
                continue;
            }
            List<String> sensitive = job.newSchema.sensitivePointers(type, result);
            JsonNode sealed = sealer.seal(job.pluginId, stored.id(), result, sensitive);
            job.migrated();
            rows.add(ReportLine.done(stored, seq, job.newSchema.nameOf(type, result).orElse(null), sealed.toString(),
                    pointersJson(sensitive), ObjectService.sentinelJson(job.newSchema.sentinelPointers(type, result)),
                    last));
        }
        return rows;
    }

    /**
     * Remembers the sensitive values of an object going into or coming out of the migrations, by
     * both versions' schemas: a value is redacted from what the plugin prints and logs whether the
     * old schema, the new one or both call its field sensitive, and whether or not the migrated
     * object turns out valid.
     *
     * @param oldPointers the object's sensitive pointers by the old schema, when already known
     */
    static void collectSecrets(UpgradeJob job, Redactor redactor, ObjectType type, JsonNode object,
            List<String> oldPointers) {
        redactor.collect(object, oldPointers != null ? oldPointers : job.oldSchema.sensitivePointers(type, object));
        redactor.collect(object, job.newSchema.sensitivePointers(type, object));
    }

    private static String pointersJson(List<String> pointers) {
        ArrayNode array = JSON.createArrayNode();
        pointers.forEach(array::add);
        return array.toString();
    }

    private static String subject(UpgradeRunner.Batch work, ObjectRepository.Stored stored) {
        return work.type().label() + " " + stored.id();
    }
}
