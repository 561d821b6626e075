package io.timeflow.snapshot.api;

import io.timeflow.platform.problem.ProblemResponsesFilter;

/** The 401 and 403 answers every operation can give, documented as problem+json with an example each. */
public class SecurityResponsesFilter extends ProblemResponsesFilter {

    public SecurityResponsesFilter() {
        super(new CommonAnswer("401", UNAUTHORIZED, ApiExamples.PROBLEM_UNAUTHORIZED),
                new CommonAnswer("403", FORBIDDEN, ApiExamples.PROBLEM_FORBIDDEN));
    }
}
