package io.timeflow.plugin.domain;

import io.timeflow.platform.problem.ProblemCatalogue;
import io.timeflow.platform.problem.ProblemCode;

/**
 * The problem codes of plugin-service beyond the common ones ({@link io.timeflow.platform.problem.CommonProblem}).
 * The codes of an upgrade's report lines and of a failed upgrade ({@link UpgradeCode}) are not problems: they are
 * fields of the upgrade and its report, not refusals of a request; the catalogue lists them after the problems.
 */
public enum PluginProblem implements ProblemCode {

    INVALID_BUNDLE(422, PluginProblem.BUNDLE_REFUSED,
            "The uploaded bundle is not a plugin this service can load: not a readable zip of one plugin's "
                    + "directory, a missing or wrong plugin_config.yml or schema file, a syntax error, or an entry "
                    + "point that does not load. `errors` name each problem as `file:line` (`context` the first); fix "
                    + "the bundle and upload it again."),
    UNSUPPORTED_LANGUAGE(422, PluginProblem.BUNDLE_REFUSED,
            "The `language` of plugin_config.yml is not one this service runs (`detail` lists those it runs). For a "
                    + "Python 2 plugin `errors` also name each line Python 3 cannot compile; rebuild it for Python 3."),
    INVALID_MIGRATION_ID(422, PluginProblem.BUNDLE_REFUSED,
            "A data migration's id is not a string of integers separated by periods (such as `2019.11.20`); "
                    + "`errors` name the file and line of each. Correct the ids and upload the bundle again."),
    DUPLICATE_MIGRATION_ID(422, PluginProblem.BUNDLE_REFUSED,
            "Two data migrations have the same id, also when they are of different object types or spelled "
                    + "differently (`2019.11.20` and `2019.11.20.0` are the same); `errors` name each. Give each "
                    + "migration its own id."),
    PLUGIN_ALREADY_INSTALLED(409,
            "A plugin with the bundle's id is installed already (`context.pluginId`). Upload the new version as an "
                    + "upgrade, to `POST /api/v1/plugins/{pluginId}/upgrades`."),
    PLUGIN_ID_MISMATCH(422,
            "The bundle uploaded as an upgrade is a version of another plugin: the id in its plugin_config.yml "
                    + "(`context.bundlePluginId`) is not the one in the path. Upgrade that plugin, or install it."),
    BUILD_NUMBER_NOT_INCREASED(422,
            "The bundle's build number is not greater than the installed version's, compared part by part as numbers "
                    + "(`context.installedBuildNumber`, `context.candidateBuildNumber`). Raise it and upload again."),
    MIGRATION_REMOVED(422,
            "The new version lacks a data migration the installed version has (`context.missingMigrationIds`); a "
                    + "released migration must never be deleted. Put the migrations back and upload again."),
    UPGRADE_IN_PROGRESS(409,
            "Another upgrade of the plugin is under way (`context.upgradeId`, when known); one upgrade of a plugin "
                    + "runs at a time, while dry runs are not limited. Wait until it has ended, then retry.");

    /** Everything plugin-service can answer: the common codes, then these; then the codes of upgrades' results. */
    public static final ProblemCatalogue CATALOGUE = ProblemCatalogue.of("plugin-service", values())
            .withJobCodes(UpgradeCode.values());

    private static final String BUNDLE_REFUSED = "The plugin bundle is refused";

    private final Entry entry;

    PluginProblem(int status, String meaning) {
        this.entry = new Entry(status, meaning);
    }

    PluginProblem(int status, String title, String meaning) {
        this.entry = new Entry(status, title, meaning);
    }

    @Override
    public Entry entry() {
        return entry;
    }
}
