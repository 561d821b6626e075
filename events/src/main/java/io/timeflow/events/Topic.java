package io.timeflow.events;

/**
 * The four topics, one per bounded context. Records are keyed by the aggregate id (dSource id,
 * plugin id, backup id) so that the order of events about one aggregate holds.
 */
public enum Topic {
    STAGING("timeflow.staging.v1"),
    SNAPSHOT("timeflow.snapshot.v1"),
    PLUGIN("timeflow.plugin.v1"),
    BACKUP("timeflow.backup.v1");

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
    }

    /** The Kafka topic name, e.g. {@code timeflow.staging.v1}. */
    public String topicName() {
        return topicName;
    }

    public static Topic fromName(String name) {
        for (Topic t : values()) {
            if (t.topicName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a Timeflow topic: " + name);
    }
}
