package io.timeflow.plugin.bundle;

import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.plugin.domain.PluginProblem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A bundle the service will not install: a 422 whose {@code errors} list every problem found, each
 * naming the file and line ({@code field} is {@code file:line}).
 */
public class BundleRejectedException extends ProblemException {

    private final List<BundleProblem> problems;

    public BundleRejectedException(PluginProblem code, List<BundleProblem> problems) {
        super(code, detail(problems),
                problems.stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList(),
                problems.isEmpty() ? Map.of() : Map.of("file", problems.get(0).file(), "line", problems.get(0).line()));
        this.problems = List.copyOf(problems);
    }

    public BundleRejectedException(PluginProblem code, BundleProblem problem) {
        this(code, List.of(problem));
    }

    public List<BundleProblem> problems() {
        return problems;
    }

    private static String detail(List<BundleProblem> problems) {
        return problems.stream().map(BundleProblem::toString).collect(Collectors.joining("; "));
    }
}
