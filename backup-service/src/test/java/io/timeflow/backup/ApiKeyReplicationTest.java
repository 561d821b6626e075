package io.timeflow.backup;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.platform.security.apikey.ApiKeyDigest;
import io.timeflow.platform.security.apikey.ApiKeyFormat;
import io.timeflow.testing.security.ApiKeyReplication;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API keys are issued by staging-service (ADR 0060): this service accepts a key once the key's
 * creation event reaches it on timeflow.staging.v1, and refuses it once the revocation event does.
 */
@QuarkusTest
class ApiKeyReplicationTest {

    @TestHTTPResource("/api/v1/backups")
    URL viewerOperation;

    @Inject
    ApiKeyDigest digest;

    @Test
    void aKeyIssuedByStagingServiceWorksHereAfterItsEventAndStopsAfterItsRevocation() throws Exception {
        UUID id = UUID.randomUUID();
        String key = ApiKeyFormat.newKey(id);
        new ApiKeyReplication(URI.create(viewerOperation.toString())).check(id, key, digest.of(ApiKeyFormat.secretOf(key)));
    }
}
