package io.timeflow.events.staging;

import io.timeflow.events.TimeflowEvent;

/** An event about one dSource: keyed by its id, so all of them keep their order. */
public interface DSourceEvent extends TimeflowEvent {

    String dsourceId();

    @Override
    default String aggregateId() {
        return dsourceId();
    }
}
