package io.timeflow.staging;

import static io.restassured.RestAssured.given;
import static io.timeflow.staging.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.KeyWrap;
import io.timeflow.platform.crypto.SecretCipher;
import io.timeflow.platform.security.apikey.ApiKeyFormat;
import io.timeflow.testing.TimeflowTestResource;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * staging-service's secrets under the key ring (ADR 90): hook commands and an API key another
 * installation sealed and digested with its key open and authenticate here once the key ring holds
 * that key (as a restore leaves it); a rotation re-seals the hooks with the new key in the background,
 * keeps the other installation's key only as the digest key of its API key (DIGEST_ONLY), and retires
 * the installation key once nothing is sealed with it.
 */
@QuarkusTest
class KeyRingTest {

    static final byte[] INSTALLATION_KEY = Base64.getDecoder().decode(TimeflowTestResource.TEST_ENCRYPTION_KEY);
    static final String INSTALLATION_ID = KeyRing.idOf(INSTALLATION_KEY);

    @Inject
    AgroalDataSource db;

    /**
     * Leaves the ring as the other tests expect it: the installation key active again, the rotated key kept
     * (RETAINED) for the values this test's rotation moved to it.
     */
    @AfterEach
    void installationKeyActiveAgain() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from data_key where material is null or state = 'DIGEST_ONLY'");
            s.execute("update data_key set state = 'RETAINED' where state = 'ACTIVE'");
        }
    }

    static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void secretsOfAnotherInstallationOpenOnceTheRingHoldsItsKeyAndARotationMovesThemAndRetiresTheOldKeys()
            throws Exception {
        // a dSource with hooks, whose sealed hooks are replaced by the other installation's sealing (as a restore does)
        Api.Env env = Api.environment("WINDOWS");
        String command = "restore.sh --password=" + UUID.randomUUID();
        String id = admin().body("""
                        {"name": "ring-%s", "stagingDatabaseName": "ring_db", "databaseStateMode": "RESTORING",
                         "environmentId": "%s", "repositoryId": "%s",
                         "hooks": [{"phase": "PRE_SYNC", "name": "restore", "shell": "BASH", "command": "%s"}]}"""
                        .formatted(UUID.randomUUID(), env.id(), env.repositoryId(), command))
                .post("/api/v1/dsources").then().statusCode(201).extract().path("id");
        byte[] other = key();
        String otherId = KeyRing.idOf(other);
        String hooks = SecretCipher.of(other).seal("[{\"phase\":\"PRE_SYNC\",\"name\":\"restore\",\"shell\":\"BASH\","
                + "\"command\":\"" + command + "\"}]", "staging.dsource/" + id + "/hooks");
        UUID keyId = UUID.randomUUID();
        String apiKey = ApiKeyFormat.newKey(keyId);
        try (Connection c = db.getConnection()) {
            execute(c, "update dsource set hooks = ? where id = ?::uuid", hooks, id);
            execute(c, "insert into api_key (key_id, name, role, digest, created_by, created_at, digest_key_id)"
                    + " values (?::uuid, 'other-installation-agent', 'agent', ?, 'admin-user', now(), ?)", keyId.toString(),
                    digest(other, ApiKeyFormat.secretOf(apiKey)), otherId);
        }
        given().auth().oauth2(apiKey).get("/api/v1/dsources/" + id + "/hooks").then().statusCode(401);

        // the ring holds the other installation's key: its hooks open, its API key authenticates
        try (Connection c = db.getConnection()) {
            DataKeyTable.put(c, null, row(otherId, KeyRing.State.RETAINED,
                    KeyWrap.wrap(INSTALLATION_KEY, otherId, KeyWrap.Kind.DATA_KEY, other)));
        }
        given().auth().oauth2(apiKey).get("/api/v1/dsources/" + id + "/hooks").then().statusCode(200)
                .body("[0].command", equalTo(command));
        Thread.sleep(3000);
        assertThat(hooksKey(id)).as("a retained key's values are left as they are").isEqualTo(otherId);

        // a rotation: a new active key, every other key retiring (what backup-service writes into each schema)
        byte[] rotated = key();
        String rotatedId = KeyRing.idOf(rotated);
        try (Connection c = db.getConnection()) {
            DataKeyTable.put(c, null, row(otherId, KeyRing.State.RETIRING,
                    KeyWrap.wrap(INSTALLATION_KEY, otherId, KeyWrap.Kind.DATA_KEY, other)));
            DataKeyTable.put(c, null, row(INSTALLATION_ID, KeyRing.State.RETIRING, null));
            DataKeyTable.put(c, null, row(rotatedId, KeyRing.State.ACTIVE,
                    KeyWrap.wrap(INSTALLATION_KEY, rotatedId, KeyWrap.Kind.DATA_KEY, rotated)));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(hooksKey(id)).isEqualTo(rotatedId);
            assertThat(state(otherId)).isEqualTo("DIGEST_ONLY");
            assertThat(state(INSTALLATION_ID)).isEqualTo("RETIRED");
        });
        Api.agent().get("/api/v1/dsources/" + id + "/hooks").then().statusCode(200).body("[0].command", equalTo(command));
        given().auth().oauth2(apiKey).get("/api/v1/dsources/" + id + "/hooks").then().statusCode(200);
        assertThat(Api.count(db, "select count(*) from data_key where key_id = ? and material is not null"
                + " and sealed_values = 0 and digests = 1", otherId)).isEqualTo(1);

        // the last API key made with it is revoked: its digest key is erased too
        admin().delete("/api/v1/api-keys/" + keyId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(state(otherId)).isEqualTo("RETIRED"));
        assertThat(Api.count(db, "select count(*) from data_key where key_id = ? and material is null", otherId)).isEqualTo(1);
    }

    static DataKeyTable.Row row(String id, KeyRing.State state, String material) {
        return new DataKeyTable.Row(id, state, material, material == null ? null : INSTALLATION_ID, "test", Instant.now(),
                null, null, null, null, null);
    }

    String hooksKey(String dsourceId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select hooks from dsource where id = ?::uuid")) {
            ps.setString(1, dsourceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return SecretCipher.keyIdOf(rs.getString(1)).orElse(null);
            }
        }
    }

    String state(String keyId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select state from data_key where key_id = ?")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void execute(Connection c, String sql, String... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    static String digest(byte[] dataKey, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KeyRing.digestKeyOf(dataKey), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
