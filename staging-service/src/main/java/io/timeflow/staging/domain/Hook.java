package io.timeflow.staging.domain;

/**
 * A script the staging host runs around an operation of the dSource, e.g. a pre-sync hook that
 * restores the latest backup. The command may hold credentials (a typical restore hook passes a SQL
 * password to sqlcmd), so it is sealed at rest and shown only to the agent that runs it and to
 * admins (ADR 0014).
 */
public record Hook(Phase phase, String name, Shell shell, String command) {

    /** When the hook runs. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "HookPhase")
    public enum Phase { PRE_SYNC, POST_SYNC }

    /** The interpreter of the command. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "HookShell")
    public enum Shell { POWERSHELL, BASH, SH }
}
