package io.timeflow.staging.api;

import io.timeflow.platform.problem.ProblemResponsesFilter;
import io.timeflow.staging.domain.StagingProblem;

/**
 * Every operation answers 401, 403 and 500 the same way: as {@code application/problem+json}. The
 * annotations name each operation's own refusals; this filter adds the common ones to the document,
 * and the service's problem codes ({@link StagingProblem#CATALOGUE}) as {@code x-problem-codes}.
 */
public class OpenApiProblems extends ProblemResponsesFilter {

    public OpenApiProblems() {
        super(StagingProblem.CATALOGUE, new CommonAnswer("401", UNAUTHORIZED, null),
                new CommonAnswer("403", FORBIDDEN, null), new CommonAnswer("500", INTERNAL_ERROR, null));
    }
}
