package io.timeflow.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.platform.security.Roles;
import io.timeflow.testing.TestTokens;
import io.timeflow.testing.security.BadTokens;
import io.timeflow.testing.security.RoleTable;
import io.timeflow.testing.security.RoleTableWalk;
import java.net.URI;
import java.net.URL;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every operation of the served OpenAPI document, with a token of every role and
 * without one, answers as the snapshot-service table of docs/security.md says (allowed: not 401/403;
 * refused: 403 problem+json; no token: 401 problem+json); tokens that are forged, expired, from
 * another issuer or audience, or unsigned are refused.
 */
@QuarkusTest
class RoleTableTest {

    @TestHTTPResource("/")
    URL base;

    RoleTableWalk walk() {
        return new RoleTableWalk(URI.create(base.toString()), RoleTable.of("snapshot-service"), Roles.ALL, Roles::implied);
    }

    @Test
    void everyOperationAnswersEveryRoleAsTheDocumentedRoleTableSays() throws Exception {
        RoleTableWalk walk = walk();
        int operations = walk.operations().size();
        assertThat(operations).isPositive();
        assertThat(walk.walk()).isEqualTo(operations * (Roles.ALL.size() + 1));
    }

    @Test
    void everyOperationAnswersAClientAcceptingOnlyTheMediaTypesItsDocumentDeclares() throws Exception {
        // what the generated clients send: an operation answering 406 to it cannot be called through them
        walk().assertDocumentedMediaTypesAccepted(TestTokens.forRoles("admin"));
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.all().entrySet().stream().map(e -> Arguments.of(Named.of(e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0} token is refused with 401")
    @MethodSource("badTokens")
    void badTokensAreRefused(String token) throws Exception {
        walk().assertRefused(token);
    }
}
