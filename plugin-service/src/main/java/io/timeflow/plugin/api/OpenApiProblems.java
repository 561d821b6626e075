package io.timeflow.plugin.api;

import io.timeflow.platform.problem.ProblemResponsesFilter;
import io.timeflow.plugin.domain.PluginProblem;

/**
 * Lists plugin-service's problem codes as {@code x-problem-codes} of the {@code Problem} schema. The operations
 * document their answers themselves, so it adds no common answer to them.
 */
public class OpenApiProblems extends ProblemResponsesFilter {

    public OpenApiProblems() {
        super(PluginProblem.CATALOGUE);
    }
}
