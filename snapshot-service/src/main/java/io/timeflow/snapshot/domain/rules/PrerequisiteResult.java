package io.timeflow.snapshot.domain.rules;

/** The verdict on one prerequisite: whether it holds, and what was found. */
public record PrerequisiteResult(Prerequisite prerequisite, boolean passed, String detail) {

    static PrerequisiteResult pass(Prerequisite p, String detail) {
        return new PrerequisiteResult(p, true, detail);
    }

    static PrerequisiteResult fail(Prerequisite p, String detail) {
        return new PrerequisiteResult(p, false, detail);
    }
}
