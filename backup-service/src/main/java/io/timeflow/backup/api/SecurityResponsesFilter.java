package io.timeflow.backup.api;

import io.timeflow.backup.domain.BackupProblem;
import io.timeflow.platform.problem.ProblemResponsesFilter;

/**
 * The 401 and 403 answers every operation can give, documented as problem+json with an example each,
 * so a generated client knows what it gets when it is refused; and the service's problem codes
 * ({@link BackupProblem#CATALOGUE}) as {@code x-problem-codes} of the {@code Problem} schema.
 */
public class SecurityResponsesFilter extends ProblemResponsesFilter {

    static final String UNAUTHORIZED_EXAMPLE = """
            {"type": "urn:timeflow:problem:unauthorized", "title": "Authentication required", "status": 401, \
            "code": "UNAUTHORIZED", "detail": "send a valid bearer token"}""";
    static final String FORBIDDEN_EXAMPLE = """
            {"type": "urn:timeflow:problem:forbidden", "title": "Forbidden", "status": 403, "code": "FORBIDDEN", \
            "detail": "the caller's roles do not allow this operation"}""";

    public SecurityResponsesFilter() {
        super(BackupProblem.CATALOGUE, new CommonAnswer("401", UNAUTHORIZED, UNAUTHORIZED_EXAMPLE),
                new CommonAnswer("403", FORBIDDEN, FORBIDDEN_EXAMPLE));
    }
}
