package io.timeflow.snapshot.domain;

import io.timeflow.events.snapshot.VdbDeleted;
import io.timeflow.events.snapshot.VdbProvisioned;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Actor;
import io.timeflow.platform.upgrades.PluginUpgradeGuard;
import io.timeflow.snapshot.domain.rules.ProvisioningRules;
import io.timeflow.platform.problem.Warning;
import io.timeflow.snapshot.persistence.DSourceRepository;
import io.timeflow.snapshot.persistence.SnapshotRepository;
import io.timeflow.snapshot.persistence.TargetEnvironmentRepository;
import io.timeflow.snapshot.persistence.VdbRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Provisions VDBs from snapshots (never from a point in time) and deletes them. */
@ApplicationScoped
public class VdbService {

    private static final Logger LOG = Logger.getLogger(VdbService.class);

    /** What a caller asks to provision; {@code timestamp} and {@code lsn} are refused when set. */
    public record NewVdb(String name, UUID snapshotId, UUID targetEnvironmentId, String timestamp, String lsn) {
    }

    private final VdbRepository vdbs;
    private final SnapshotRepository snapshots;
    private final DSourceRepository dsources;
    private final TargetEnvironmentRepository environments;
    private final PluginUpgradeGuard upgrades;
    private final Outbox outbox;
    private final Clock clock;

    @Inject
    public VdbService(VdbRepository vdbs, SnapshotRepository snapshots, DSourceRepository dsources,
            TargetEnvironmentRepository environments, PluginUpgradeGuard upgrades, Outbox outbox, Clock clock) {
        this.vdbs = vdbs;
        this.snapshots = snapshots;
        this.dsources = dsources;
        this.environments = environments;
        this.upgrades = upgrades;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Vdb provision(NewVdb request, Actor actor) {
        List<String> pointInTime = ProvisioningRules.pointInTimeFields(request.timestamp(), request.lsn());
        if (!pointInTime.isEmpty()) {
            throw new ProblemException(SnapshotProblem.POINT_IN_TIME_NOT_SUPPORTED,
                    "point-in-time provisioning is not supported for staging-push dSources: provision from a snapshot "
                            + "(snapshotId) without " + String.join(" or ", pointInTime),
                    pointInTime.stream().map(f -> new Problem.FieldError(f, "point in time is not supported; omit it"))
                            .toList(), Map.of());
        }
        Snapshot snapshot = snapshots.lock(request.snapshotId()).orElseThrow(() -> new ProblemException(
                SnapshotProblem.UNKNOWN_SNAPSHOT, "snapshotId names no existing snapshot",
                List.of(new Problem.FieldError("snapshotId", "names no existing snapshot")), Map.of()));
        if (environments.find(request.targetEnvironmentId()).isEmpty()) {
            throw new ProblemException(SnapshotProblem.UNKNOWN_TARGET_ENVIRONMENT,
                    "targetEnvironmentId names no environment snapshot-service knows",
                    List.of(new Problem.FieldError("targetEnvironmentId", "names no known environment")), Map.of());
        }
        DSource d = dsources.find(snapshot.dsourceId()).orElseThrow();
        upgrades.assertNotUpgrading(d.pluginId(), "provisioning from a snapshot of dSource " + d.name());
        filesUnderMount(d, "provisioning a VDB");
        List<UUID> olderFork = ProvisioningRules.olderForkSnapshots(snapshot.mode(),
                new ProvisioningRules.TimeflowSnapshot(snapshot.id(), snapshot.takenAt(), snapshot.recoveryForkGuid()),
                snapshots.ofTimeflow(snapshot.timeflowId()).stream()
                        .map(s -> new ProvisioningRules.TimeflowSnapshot(s.id(), s.takenAt(), s.recoveryForkGuid()))
                        .toList());
        if (!olderFork.isEmpty()) {
            throw ProblemException.of(SnapshotProblem.OLDER_FORK_SNAPSHOTS_EXIST, "dSource " + d.name()
                            + " is in ONLINE mode and follows a single timeflow: delete its older snapshots of the previous "
                            + "recovery fork before provisioning from this one: " + olderFork)
                    .with("snapshotIds", olderFork.stream().map(UUID::toString).toList());
        }
        if (vdbs.nameTaken(request.name())) {
            throw ProblemException.of(SnapshotProblem.NAME_TAKEN, "a VDB with this name already exists");
        }
        List<Warning> warnings = ProvisioningRules.warnings(snapshot.sourceReadOnly());
        Instant now = clock.instant();
        Vdb vdb = new Vdb(UUID.randomUUID(), request.name().trim(), snapshot, request.targetEnvironmentId(), warnings,
                now, actor.subject());
        vdbs.add(vdb);
        outbox.publish(new VdbProvisioned(d.id().toString(), vdb.id().toString(), vdb.name(), snapshot.id().toString(),
                snapshot.timeflowId().toString(), request.targetEnvironmentId().toString(),
                warnings.stream().map(Warning::code).toList(), now), actor);
        LOG.infof("VDB %s (%s) provisioned from snapshot %s of dSource %s by %s%s", vdb.name(), vdb.id(),
                snapshot.id(), d.name(), actor.subject(), warnings.isEmpty() ? "" : " with warnings "
                        + warnings.stream().map(Warning::code).toList());
        return vdb;
    }

    /**
     * Refreshes a VDB to the latest snapshot of its dSource. Refused while the dSource's plugin is
     * upgraded (as provisioning is), when the dSource has no snapshot, when the caller named another
     * snapshot than the latest, and when the staging database's files lie in a sub-directory of the mount.
     * A VDB already on the latest snapshot stays as it is (no event).
     */
    @Transactional
    public Vdb refresh(UUID id, java.util.Optional<UUID> expected, Actor actor) {
        Vdb vdb = vdbs.lock(id).orElseThrow(() -> ProblemException.notFound("VDB", id));
        DSource d = dsources.find(vdb.dsourceId()).orElseThrow(() -> ProblemException.of(
                SnapshotProblem.UNKNOWN_DSOURCE, "the VDB's dSource is not known to snapshot-service"));
        upgrades.assertNotUpgrading(d.pluginId(), "refreshing VDB " + vdb.name() + " of dSource " + d.name());
        Snapshot latest = snapshots.ofDsource(d.id()).stream().findFirst().orElseThrow(() ->
                ProblemException.of(SnapshotProblem.NO_SNAPSHOT,
                        "dSource " + d.name() + " has no snapshot to refresh from"));
        if (expected.isPresent() && !expected.get().equals(latest.id())) {
            throw ProblemException.of(SnapshotProblem.SNAPSHOT_NOT_LATEST, "snapshot " + expected.get()
                    + " is not the latest snapshot of dSource " + d.name() + " (" + latest.id() + " is)")
                    .with("latestSnapshotId", latest.id().toString());
        }
        filesUnderMount(d, "refreshing a VDB");
        if (latest.id().equals(vdb.snapshotId())) {
            return vdb;
        }
        UUID previous = vdb.snapshotId();
        snapshots.lock(latest.id());
        Instant now = clock.instant();
        vdb.refreshed(latest);
        outbox.publish(new io.timeflow.events.snapshot.VdbRefreshed(d.id().toString(), vdb.id().toString(), vdb.name(),
                previous.toString(), latest.id().toString(), latest.timeflowId().toString(), now), actor);
        LOG.infof("VDB %s (%s) refreshed from snapshot %s to %s of dSource %s by %s", vdb.name(), id, previous,
                latest.id(), d.name(), actor.subject());
        return vdb;
    }

    /**
     * Staging push does not support database files in a sub-directory of the mount's DB directory:
     * while the attached staging database has such files, provisioning (and refreshing) from its
     * dSource is refused, naming each offending path. A detached dSource's snapshots stay usable.
     */
    private static void filesUnderMount(DSource d, String operation) {
        List<String> outside = d.isLinked() ? inSubdirectories(d.mountBase(), d.filesOutsideMountDir()) : List.of();
        if (!outside.isEmpty()) {
            throw new ProblemException(SnapshotProblem.FILES_OUTSIDE_MOUNT_DIRECTORY,
                    operation + " from dSource " + d.name() + " is refused: its staging database has files that do "
                            + "not lie directly in the mount's DB directory " + d.mountBase()
                            + " (sub-directories are not supported): " + outside,
                    List.of(), Map.of("mountBase", d.mountBase(), "files", outside));
        }
    }

    /** The files below the mount's DB directory (in a sub-directory of it), not another database's elsewhere. */
    static List<String> inSubdirectories(String mountBase, List<String> outside) {
        boolean windows = mountBase.contains("\\");
        String sep = windows ? "\\" : "/";
        String prefix = (mountBase.endsWith(sep) ? mountBase : mountBase + sep);
        String p = windows ? prefix.replace('/', '\\').toLowerCase(java.util.Locale.ROOT) : prefix;
        return outside.stream().filter(f -> (windows ? f.replace('/', '\\').toLowerCase(java.util.Locale.ROOT) : f)
                .startsWith(p)).toList();
    }

    @Transactional
    public Vdb get(UUID id) {
        return vdbs.find(id).orElseThrow(() -> ProblemException.notFound("VDB", id));
    }

    @Transactional
    public List<Vdb> page(UUID dsourceId, UUID snapshotId, int offset, int limit) {
        return vdbs.page(dsourceId, snapshotId, offset, limit);
    }

    @Transactional
    public long count(UUID dsourceId, UUID snapshotId) {
        return vdbs.count(dsourceId, snapshotId);
    }

    @Transactional
    public void delete(UUID id, Actor actor) {
        Vdb vdb = vdbs.lock(id).orElseThrow(() -> ProblemException.notFound("VDB", id));
        dsources.find(vdb.dsourceId()).ifPresent(d -> upgrades.assertNotUpgrading(d.pluginId(),
                "deleting VDB " + vdb.name() + " of dSource " + d.name()));
        Instant now = clock.instant();
        vdbs.remove(vdb);
        outbox.publish(new VdbDeleted(vdb.dsourceId().toString(), vdb.id().toString(), vdb.name(),
                vdb.snapshotId().toString(), now), actor);
        LOG.infof("VDB %s (%s) deleted by %s", vdb.name(), id, actor.subject());
    }
}
