package io.timeflow.staging.api;

import io.timeflow.platform.problem.ProblemResponsesFilter;

/**
 * Every operation answers 401, 403 and 500 the same way: as {@code application/problem+json}. The
 * annotations name each operation's own refusals; this filter adds the common ones to the document.
 */
public class OpenApiProblems extends ProblemResponsesFilter {

    public OpenApiProblems() {
        super(new CommonAnswer("401", UNAUTHORIZED, null), new CommonAnswer("403", FORBIDDEN, null),
                new CommonAnswer("500", INTERNAL_ERROR, null));
    }
}
