package io.timeflow.staging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.timeflow.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** ADR 0060: an API key holds one role, any but admin. */
class ApiKeyRulesTest {

    @Test
    void aKeyMayHoldAnyRoleButAdmin() {
        assertThat(ApiKeyRules.ISSUABLE).containsExactlyInAnyOrder("viewer", "operator", "agent", "plugin-admin",
                "backup-admin");
        for (String role : ApiKeyRules.ISSUABLE) {
            ApiKeyRules.assertIssuable(role);
        }
    }

    @Test
    void anAdminKeyOrAnUnknownRoleIsRefusedNamingTheField() {
        for (String role : new String[] {"admin", "root", ""}) {
            assertThatThrownBy(() -> ApiKeyRules.assertIssuable(role)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400))
                    .satisfies(e -> assertThat(((ProblemException) e).errors()).extracting("field").containsExactly("role"));
        }
    }
}
