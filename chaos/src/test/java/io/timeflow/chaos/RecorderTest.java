package io.timeflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an answer is classified: a definite no is REFUSED, anything that may have happened is UNKNOWN. */
class RecorderTest {

    private final History history = new History();
    private final Recorder recorder = new Recorder(history, "agent-0");

    @Test
    void aProblemWithA4xxStatusIsRefusedWithItsCodeAndTheStateItNames() {
        Recorder.Answer<Object> a = recorder.call("restore.complete", Map.of("restore", "r1"), "", () -> {
            throw new io.timeflow.client.staging.ApiException(409, "Conflict", null,
                    "{\"code\":\"RESTORE_NOT_IN_PROGRESS\",\"detail\":\"already COMPLETED\","
                            + "\"context\":{\"status\":\"COMPLETED\",\"restoreId\":\"r1\"}}");
        }, v -> "");

        assertThat(a.refused()).isTrue();
        assertThat(a.op().code()).isEqualTo("RESTORE_NOT_IN_PROGRESS");
        assertThat(a.context("status")).isEqualTo("COMPLETED");
        assertThat(Recorder.refusedState(a.op())).isEqualTo("COMPLETED");
        assertThat(history.ops()).containsExactly(a.op());
    }

    @Test
    void a5xxIsUnknownTheChangeMayHaveBeenCommitted() {
        Recorder.Answer<Object> a = recorder.call("snapsync.request", Map.of(), "", () -> {
            throw new io.timeflow.client.snapshot.ApiException(500, "Server Error", null, "{\"code\":\"INTERNAL_ERROR\"}");
        }, v -> "");

        assertThat(a.unknown()).isTrue();
        assertThat(a.op().status()).isEqualTo(500);
    }

    @Test
    void aTimeoutIsUnknown() {
        Recorder.Answer<Object> a = recorder.call("upgrade.request", Map.of(), "", () -> {
            throw new io.timeflow.client.plugin.ApiException(new SocketTimeoutException("Read timed out"));
        }, v -> "");

        assertThat(a.unknown()).isTrue();
        assertThat(a.op().code()).isEqualTo("TIMEOUT");
    }

    @Test
    void aConnectionLostAfterSendingIsUnknown() {
        Recorder.Answer<Object> a = recorder.call("backup.request", Map.of(), "", () -> {
            throw new io.timeflow.client.backup.ApiException(new IOException("Connection reset"));
        }, v -> "");

        assertThat(a.unknown()).isTrue();
    }

    @Test
    void aConnectionRefusedIsRefusedNothingWasSent() {
        Recorder.Answer<Object> a = recorder.call("restore.start", Map.of(), "", () -> {
            throw new io.timeflow.client.staging.ApiException(new ConnectException("Connection refused"));
        }, v -> "");

        assertThat(a.refused()).isTrue();
        assertThat(a.op().status()).isZero();
        assertThat(a.op().code()).isEqualTo("CONNECTION_REFUSED");
    }

    @Test
    void anAnswerIsOkAndTellsTheIdsItCarries() {
        Recorder.Answer<String> a = recorder.call("snapsync.request", Map.of("dsource", "d1"), "", () -> "job-7",
                v -> "PENDING", v -> Map.of("job", v));

        assertThat(a.ok()).isTrue();
        assertThat(a.op().keys()).containsEntry("dsource", "d1").containsEntry("job", "job-7");
    }
}
