package io.timeflow.snapshot.domain;

import io.timeflow.platform.jobs.WakeSignal;
import jakarta.enterprise.context.ApplicationScoped;

/** Wakes this replica's SnapSync worker when a job was committed, so a job does not wait for the poll interval. */
@ApplicationScoped
public class SnapSyncSignal extends WakeSignal {
}
