package io.timeflow.plugin.sandbox;

/** Why the sandbox stopped plugin code from the outside (its context is unusable afterwards). */
public enum SandboxStop {
    /** A call ran longer than its wall-clock limit. */
    TIME_LIMIT("ran longer than the time limit of a migration call and was stopped"),
    /** A call executed more statements than allowed. */
    STATEMENT_LIMIT("executed more statements than a migration call may and was stopped"),
    /** The code reached for the network. */
    NETWORK("tried to use the network, which data migrations may not"),
    /** The code tried to start a process. */
    PROCESS("tried to start a process, which data migrations may not"),
    /** The code tried to start a thread. */
    THREAD("tried to start a thread, which data migrations may not"),
    /** The code called sys.exit or similar. */
    EXIT("tried to exit the interpreter"),
    /** Anything else the sandbox refused or failed on. */
    SANDBOX_ERROR("was stopped by the sandbox");

    private final String description;

    SandboxStop(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
