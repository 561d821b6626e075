package io.timeflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.timeflow.console.domain.ApiPrefixes;
import io.timeflow.console.domain.ApiPrefixes.Service;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The prefix router's table: which service answers a path of the suite's API. */
class ApiPrefixesTest {

    @Test
    void theFirstSegmentAfterApiV1NamesTheService() {
        assertThat(ApiPrefixes.serviceOf("/api/v1/dsources")).contains(Service.STAGING);
        assertThat(ApiPrefixes.serviceOf("/api/v1/dsources/3f2c/restores")).contains(Service.STAGING);
        assertThat(ApiPrefixes.serviceOf("/api/v1/snapsync/readiness/3f2c")).contains(Service.SNAPSHOT);
        assertThat(ApiPrefixes.serviceOf("/api/v1/plugins/p/upgrades")).contains(Service.PLUGIN);
        assertThat(ApiPrefixes.serviceOf("/api/v1/backup-schedule")).contains(Service.BACKUP);
    }

    @Test
    void aDSourcesRestoresBelongToStagingAndTheSuitesRestoresToBackup() {
        assertThat(ApiPrefixes.serviceOf("/api/v1/dsources/3f2c/restores/9")).contains(Service.STAGING);
        assertThat(ApiPrefixes.serviceOf("/api/v1/restores/9")).contains(Service.BACKUP);
    }

    @Test
    void aPathNoServiceServesGoesNowhere() {
        assertThat(ApiPrefixes.serviceOf("/api/v1/dsourcesX")).isEmpty();
        assertThat(ApiPrefixes.serviceOf("/api/v1/")).isEmpty();
        assertThat(ApiPrefixes.serviceOf("/api/v2/dsources")).isEmpty();
        assertThat(ApiPrefixes.serviceOf("/q/health")).isEmpty();
        assertThat(ApiPrefixes.serviceOf(null)).isEmpty();
    }

    @Test
    void noTwoServicesShareAPrefix() {
        Set<String> seen = new HashSet<>();
        for (Service s : Service.values()) {
            for (String segment : s.segments()) {
                assertThat(seen.add(segment)).as(segment + " listed twice").isTrue();
            }
        }
    }

    /** The table cannot drift from the APIs: each committed OpenAPI document's paths route to that service. */
    @Test
    void everyPathOfEveryCommittedOpenApiDocumentRoutesToTheServiceThatDocumentsIt() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> wrong = new ArrayList<>();
        int paths = 0;
        for (Service service : Service.values()) {
            Path doc = root.resolve(service.serviceName()).resolve("src/main/openapi/openapi.yaml");
            assertThat(doc).exists();
            try (InputStream in = Files.newInputStream(doc)) {
                Map<String, Object> openapi = new Yaml().load(in);
                @SuppressWarnings("unchecked")
                Map<String, Object> documented = (Map<String, Object>) openapi.get("paths");
                for (String path : documented.keySet()) {
                    paths++;
                    Optional<Service> routed = ApiPrefixes.serviceOf(path);
                    if (!routed.equals(Optional.of(service))) {
                        wrong.add(path + " is documented by " + service.serviceName() + " but routed to "
                                + routed.map(Service::serviceName).orElse("nothing"));
                    }
                }
            }
        }
        assertThat(paths).as("paths in the four documents").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }
}
