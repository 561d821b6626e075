package io.timeflow.events.snapshot;

import io.timeflow.events.TimeflowEvent;

/**
 * An event of snapshot-service. Every one of them is about one dSource and is keyed by its id, so
 * the snapshots, timeflows and VDBs of one dSource keep their order on {@code timeflow.snapshot.v1}.
 */
public interface SnapshotContextEvent extends TimeflowEvent {

    String dsourceId();

    @Override
    default String aggregateId() {
        return dsourceId();
    }
}
