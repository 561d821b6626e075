package io.timeflow.staging.domain;

import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.Roles;
import java.util.List;

/**
 * Which roles an API key may hold (ADR 0060): any role but {@code admin}. A key never expires and
 * lives in scripts on hosts; full control stays with the people an identity provider vouches for.
 */
public final class ApiKeyRules {

    /** Roles a key may be issued for. */
    public static final List<String> ISSUABLE = Roles.ALL.stream().filter(r -> !r.equals(Roles.ADMIN)).toList();

    private ApiKeyRules() {
    }

    /** Refuses (400 naming {@code role}) a role a key may not hold. */
    public static void assertIssuable(String role) {
        if (!ISSUABLE.contains(role)) {
            throw ProblemException.invalid("role", "must be one of " + ISSUABLE);
        }
    }
}
