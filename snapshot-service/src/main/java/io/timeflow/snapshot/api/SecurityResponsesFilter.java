package io.timeflow.snapshot.api;

import io.timeflow.platform.problem.ProblemResponsesFilter;
import io.timeflow.snapshot.domain.SnapshotProblem;

/**
 * The 401 and 403 answers every operation can give, documented as problem+json with an example each, and the
 * service's problem codes ({@link SnapshotProblem#CATALOGUE}) under {@code x-problem-codes} of the Problem schema.
 */
public class SecurityResponsesFilter extends ProblemResponsesFilter {

    public SecurityResponsesFilter() {
        super(SnapshotProblem.CATALOGUE,
                new CommonAnswer("401", UNAUTHORIZED, ApiExamples.PROBLEM_UNAUTHORIZED),
                new CommonAnswer("403", FORBIDDEN, ApiExamples.PROBLEM_FORBIDDEN));
    }
}
