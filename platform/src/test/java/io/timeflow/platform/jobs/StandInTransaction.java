package io.timeflow.platform.jobs;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Just enough of a transaction's registry for unit tests: resources and synchronizations, no transaction manager. */
final class StandInTransaction implements TransactionSynchronizationRegistry {
    final Map<Object, Object> resources = new HashMap<>();
    final List<Synchronization> synchronizations = new ArrayList<>();
    private int status = Status.STATUS_ACTIVE;

    /** A registry asked outside any transaction. */
    static StandInTransaction none() {
        StandInTransaction t = new StandInTransaction();
        t.status = Status.STATUS_NO_TRANSACTION;
        return t;
    }

    void end(int outcome) {
        synchronizations.forEach(Synchronization::beforeCompletion);
        status = outcome;
        synchronizations.forEach(s -> s.afterCompletion(outcome));
    }

    @Override
    public Object getTransactionKey() {
        return this;
    }

    @Override
    public void putResource(Object key, Object value) {
        resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
        return resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        return status;
    }

    @Override
    public void setRollbackOnly() {
    }

    @Override
    public boolean getRollbackOnly() {
        return false;
    }
}
