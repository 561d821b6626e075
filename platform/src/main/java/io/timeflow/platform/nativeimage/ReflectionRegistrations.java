package io.timeflow.platform.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.timeflow.events.plugin.UpgradeFailed;
import io.timeflow.events.plugin.UpgradeStarted;
import io.timeflow.events.plugin.UpgradeSucceeded;
import io.timeflow.events.staging.BackupSet;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.DSourceAttached;
import io.timeflow.events.staging.DSourceDeleted;
import io.timeflow.events.staging.DSourceDetached;
import io.timeflow.events.staging.DSourceDisabled;
import io.timeflow.events.staging.DSourceEnabled;
import io.timeflow.events.staging.DSourceLinked;
import io.timeflow.events.staging.DSourceUpdated;
import io.timeflow.events.staging.DatabaseState;
import io.timeflow.events.staging.DatabaseStateChanged;
import io.timeflow.events.staging.DatabaseStateMode;
import io.timeflow.events.staging.EnvironmentRegistered;
import io.timeflow.events.staging.FaultRaised;
import io.timeflow.events.staging.FaultResolved;
import io.timeflow.events.staging.MountStateChanged;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.events.staging.RestoreFailed;
import io.timeflow.events.staging.RestoreStarted;
import io.timeflow.platform.api.Page;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.security.Actor;

/**
 * Keeps the services native-ready (the {@code native} Maven profile): the classes that Jackson
 * reads and writes outside a REST resource signature, which Quarkus would not find by itself in
 * a native image. The events module cannot carry {@code @RegisterForReflection} (it has no Quarkus
 * dependency, so that other systems can use it), hence this list.
 *
 * <ul>
 *   <li>every event payload of the contract and the records and enums inside them (the outbox
 *       writes them, consumers read them, both through {@code EventJson});</li>
 *   <li>the platform's response bodies written by exception mappers and generic wrappers
 *       ({@link Problem}, {@link Page}) and the audit {@link Actor}.</li>
 * </ul>
 *
 * {@code ReflectionRegistrationsTest} fails when an event type of the catalogue, or a type inside
 * one, is missing here: add it when you add an event.
 */
@RegisterForReflection(targets = {
    // staging
    EnvironmentRegistered.class, DSourceLinked.class, DSourceUpdated.class, DSourceEnabled.class,
    DSourceDisabled.class, DSourceAttached.class, DSourceDetached.class, DSourceDeleted.class,
    RestoreStarted.class, RestoreCompleted.class, RestoreFailed.class, DatabaseStateChanged.class,
    MountStateChanged.class, FaultRaised.class, FaultResolved.class,
    BackupSet.class, BackupType.class, DatabaseState.class, DatabaseStateMode.class,
    // plugin
    UpgradeStarted.class, UpgradeSucceeded.class, UpgradeFailed.class,
    // platform
    Problem.class, Problem.FieldError.class, Page.class, Actor.class,
})
public final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
