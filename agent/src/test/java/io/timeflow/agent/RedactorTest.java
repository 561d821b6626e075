package io.timeflow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("tfk_abc_secretpart", "S3cr3t-SQL"),
            Map.of("SQLCMDPASSWORD", "hunter22", "BACKUP_TOKEN", "tok-998877", "STAGING_DB", "sales_stage"));

    @Test
    void theAgentsOwnSecretsAndSecretLookingVariablesAreMasked() {
        assertThat(redactor.redact("key tfk_abc_secretpart, sql S3cr3t-SQL, pw hunter22, token tok-998877"))
                .isEqualTo("key ****, sql ****, pw ****, token ****");
    }

    @Test
    void anyApiKeyBearerTokenSqlcmdPasswordOrPasswordSettingIsMasked() {
        assertThat(redactor.redact("curl -H 'Authorization: Bearer eyJhbGciOi.x.y' with tfk_other_key"))
                .isEqualTo("curl -H 'Authorization: Bearer ****' with tfk_****");
        assertThat(redactor.redact("+ sqlcmd -b -S localhost -U sa -P 'p@ss word' -Q RESTORE"))
                .isEqualTo("+ sqlcmd -b -S localhost -U sa -P **** -Q RESTORE");
        assertThat(redactor.redact("Server=db;User=sa;Password=Pa55;Encrypt=true"))
                .isEqualTo("Server=db;User=sa;Password=****;Encrypt=true");
    }

    @Test
    void whatIsNotSecretStays() {
        assertThat(redactor.redact("restored FULL backup into sales_stage (restore_history_id 3)"))
                .isEqualTo("restored FULL backup into sales_stage (restore_history_id 3)");
    }
}
