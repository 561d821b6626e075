package io.timeflow.snapshot.domain;

import io.timeflow.snapshot.config.SnapshotConfig;
import io.timeflow.testing.PassGate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The SnapSync worker of the tests (the production class is excluded from the test build by
 * {@code quarkus.arc.exclude-types}): the same worker, which a test can hold so that the jobs it requests stay
 * PENDING, and let go again.
 */
@Singleton
public class HeldSnapSyncWorker extends SnapSyncWorker {

    private final PassGate gate = new PassGate();
    private final SnapSyncSignal signal;

    @Inject
    public HeldSnapSyncWorker(SnapSyncService snapsync, SnapSyncClaims claims, SnapSyncHooks hooks,
            SnapSyncSignal signal, SnapshotConfig config) {
        super(snapsync, claims, hooks, signal, config);
        this.signal = signal;
    }

    @Override
    public boolean runOne() {
        try {
            return gate.pass(false, super::runOne);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims no further job on this replica; returns once the job being run, if any, has finished its step. */
    public void pause() {
        gate.hold();
    }

    public void resume() {
        gate.release();
        signal.wake();
    }
}
