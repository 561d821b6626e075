package io.timeflow.staging.domain;

import java.util.Optional;

/**
 * How a fault follows the condition it reports (DCT's model). A condition observed present raises
 * an ACTIVE fault unless one is open; observed absent, an ACTIVE fault resolves itself. A user may
 * resolve an active fault (if the condition persists, the next observation raises a new one) or
 * ignore it (no new fault while the condition lasts; once it ends, a recurrence raises anew).
 */
public final class FaultRules {

    private FaultRules() {
    }

    /** What to do with a condition's fault when the condition is observed present or absent. */
    public enum Action {
        /** No open fault and the condition holds: raise a new ACTIVE fault (FaultRaised). */
        RAISE,
        /** The condition still holds and a fault is open (active or ignored): only its last-seen time moves. */
        TOUCH,
        /** The condition ended and its fault is ACTIVE: it resolves itself (FaultResolved, RESOLVED). */
        RESOLVE,
        /** The condition ended while its fault was IGNORED: the fault is closed quietly; a recurrence raises anew. */
        CLOSE_IGNORED,
        /** Nothing open, nothing wrong. */
        NONE
    }

    /**
     * @param conditionHolds whether the faulty condition is observed now
     * @param openFault      the status of the open fault for this condition, if any (ACTIVE or IGNORED)
     */
    public static Action onObservation(boolean conditionHolds, Optional<Fault.Status> openFault) {
        if (conditionHolds) {
            return openFault.isPresent() ? Action.TOUCH : Action.RAISE;
        }
        if (openFault.isEmpty()) {
            return Action.NONE;
        }
        return openFault.get() == Fault.Status.ACTIVE ? Action.RESOLVE : Action.CLOSE_IGNORED;
    }

    /** A user may resolve or ignore only an ACTIVE fault. */
    public static boolean userMayClose(Fault.Status status) {
        return status == Fault.Status.ACTIVE;
    }
}
