package io.timeflow.plugin.domain;

import io.timeflow.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an upgrade from the installed version to a candidate version will run, by the upgrade
 * rules: the build number must increase; a migration of the installed version must never be
 * missing from the new one; only the migrations that are new run, in numeric id order, each object
 * through the chain of its own type.
 *
 * @param toRun  the new migrations, in id order
 * @param chains the new migrations of each object type, in id order (every type has an entry)
 */
public record UpgradePlan(List<Migration> toRun, Map<ObjectType, List<Migration>> chains) {

    /**
     * Plans the upgrade, or refuses it.
     *
     * @throws ProblemException 422 {@code BUILD_NUMBER_NOT_INCREASED} or {@code MIGRATION_REMOVED} (naming the ids)
     */
    public static UpgradePlan between(BuildNumber installedBuild, MigrationSet installed, BuildNumber candidateBuild,
            MigrationSet candidate) {
        if (!candidateBuild.isAfter(installedBuild)) {
            throw ProblemException.of(PluginProblem.BUILD_NUMBER_NOT_INCREASED, "the new version's build number "
                    + candidateBuild.spelling() + " is not greater than the installed build number "
                    + installedBuild.spelling())
                    .with("installedBuildNumber", installedBuild.spelling())
                    .with("candidateBuildNumber", candidateBuild.spelling());
        }
        List<Migration> missing = installed.all().stream().filter(m -> !candidate.contains(m.id())).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.of(PluginProblem.MIGRATION_REMOVED, "a released data migration must never be "
                    + "deleted, but the new version lacks installed migration id" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(m -> m.id().spelling() + " (" + m.type().label() + ")")
                            .collect(Collectors.joining(", ")))
                    .with("missingMigrationIds", missing.stream().map(m -> m.id().spelling()).toList());
        }
        List<Migration> toRun = candidate.all().stream().filter(m -> !installed.contains(m.id())).toList();
        Map<ObjectType, List<Migration>> chains = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            chains.put(type, new ArrayList<>());
        }
        for (Migration m : toRun) {
            chains.get(m.type()).add(m);
        }
        chains.replaceAll((type, chain) -> List.copyOf(chain));
        return new UpgradePlan(toRun, chains);
    }

    public List<Migration> chain(ObjectType type) {
        return chains.get(type);
    }
}
