package io.timeflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.console.domain.ChangeNotice;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a browser hears of one event: its service, type, subject and time, never its payload or actor. */
class ChangeNoticeTest {

    @Test
    void theTopicNamesTheService() {
        ChangeNotice n = ChangeNotice.of("timeflow.snapshot.v1", "d1", Map.of("ce_id", "e1", "ce_type",
                "io.timeflow.snapshot.snapshot.created.v1", "ce_subject", "d1", "ce_time", "2026-11-23T08:00:00Z",
                "ce_actor", "local-admin"));
        assertThat(n).isEqualTo(new ChangeNotice("e1", "snapshot", "io.timeflow.snapshot.snapshot.created.v1", "d1",
                "2026-11-23T08:00:00Z"));
    }

    @Test
    void theKeyStandsInForAMissingSubject() {
        assertThat(ChangeNotice.of("timeflow.plugin.v1", "p1", Map.of("ce_type", "io.timeflow.plugin.installed.v1")).subject())
                .isEqualTo("p1");
    }

    @Test
    void anApiKeysIdIsNotPassedOn() {
        ChangeNotice n = ChangeNotice.of("timeflow.staging.v1", "k1", Map.of("ce_type",
                "io.timeflow.staging.api-key.revoked.v1", "ce_subject", "k1"));
        assertThat(n.subject()).isEmpty();
        assertThat(n.type()).isEqualTo("io.timeflow.staging.api-key.revoked.v1");
    }
}
