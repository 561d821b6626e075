package io.timeflow.staging.domain;

import io.timeflow.platform.problem.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What an attach attempt by the staging host's agent means, as the staging-push rules say:
 * <ul>
 *   <li>database files in a sub-directory of the mount's DB directory are not supported: the attach
 *       fails naming each offending path (and an enable with such files fails);</li>
 *   <li>a dSource attached again under a new staging database name keeps its database <em>file
 *       names</em>: an attach that finds other names fails, naming both;</li>
 *   <li>an enable whose attach failed, could not be attempted (no agent), or did not end in time still
 *       succeeds, with the warning {@link StagingWarning#SKIP_ATTACH_OPERATION} giving the reason.</li>
 * </ul>
 */
public final class AttachRules {

    private AttachRules() {
    }

    /** The agent's verdict checked against the rules. */
    public record Verdict(boolean attached, String reason, List<String> filesOutside) {
    }

    /**
     * @param agentAttached whether the agent says the database is attached
     * @param agentReason   its reason when not
     * @param mount         the dSource's mount
     * @param expectedNames the file names the dSource keeps (empty: none known yet)
     * @param files         the database files the agent found (full paths)
     */
    public static Verdict judge(boolean agentAttached, String agentReason, StagingMount mount, List<String> expectedNames,
            List<String> files) {
        if (!agentAttached) {
            // the files of a failed attach may be another database's: the agent's reason is the verdict
            return new Verdict(false, agentReason == null || agentReason.isBlank() ? "no reason given" : agentReason.trim(),
                    List.of());
        }
        List<String> outside = mount.filesInSubdirectories(files);
        if (!outside.isEmpty()) {
            return new Verdict(false, "database files do not lie directly in the mount's DB directory "
                    + mount.dbDirectory() + " (sub-directories are not supported): " + outside, outside);
        }
        if (!expectedNames.isEmpty() && !files.isEmpty()) {
            TreeSet<String> expected = names(expectedNames);
            TreeSet<String> found = names(files.stream().map(DSource::fileName).toList());
            if (!expected.equals(found)) {
                return new Verdict(false, "the database file names changed: the dSource keeps " + expected
                        + " but the attached database has " + found, List.of());
            }
        }
        return new Verdict(true, null, List.of());
    }

    /** The warnings an enable succeeds with, given how its attach attempt ended (null: not attempted). */
    public static List<Warning> enableWarnings(AgentTask.State outcome, String reason, String environmentName) {
        if (outcome == AgentTask.State.SUCCEEDED) {
            return List.of();
        }
        String why = outcome == null
                ? "no agent of environment " + environmentName + " is running, so the attach could not be attempted"
                : outcome == AgentTask.State.FAILED ? "the attach of the staging database failed on the staging host ("
                        + (reason == null ? "no reason given" : reason) + ")"
                : "the agent did not finish the attach in time (" + (reason == null ? "no answer" : reason) + ")";
        List<Warning> w = new ArrayList<>();
        w.add(new Warning(StagingWarning.SKIP_ATTACH_OPERATION, why + "; it was skipped and the enable succeeded. "
                + "The storage stays mounted and the previous DB files are on the mount: drop a database of the same "
                + "name that is not managed here, or restore a FULL backup WITH REPLACE before the next SnapSync"));
        return w;
    }

    /**
     * Refuses an operation (enable, attach) while the staging database's known files lie in a
     * sub-directory of the mount's DB directory, naming each offending path. (Files elsewhere are
     * another database's: the attach finds it is not Timeflow's, and the enable warns.)
     */
    public static void filesUnderMount(StagingMount mount, List<String> files, String operation) {
        List<String> outside = mount.filesInSubdirectories(files);
        if (outside.isEmpty()) {
            return;
        }
        throw new io.timeflow.platform.problem.ProblemException(StagingProblem.FILES_OUTSIDE_MOUNT_DIRECTORY,
                operation + " is refused: the staging database has files that do not lie directly in the mount's DB "
                        + "directory " + mount.dbDirectory() + " (sub-directories are not supported): " + outside,
                List.of(), java.util.Map.of("mountBase", mount.dbDirectory(), "files", outside));
    }

    private static TreeSet<String> names(List<String> names) {
        TreeSet<String> set = new TreeSet<>();
        names.forEach(n -> set.add(n.toLowerCase(Locale.ROOT)));
        return set;
    }
}
