package io.timeflow.plugin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.timeflow.platform.crypto.DataKeyTable;
import io.timeflow.platform.crypto.KeyRing;
import io.timeflow.platform.crypto.KeyWrap;
import io.timeflow.platform.crypto.SecretCipher;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sensitive values of plugin objects under the key ring (ADR 90): a password another installation
 * sealed with its key opens once the ring holds that key (an update that keeps it, as after a restore);
 * a rotation re-seals it, wherever it lies in the object, with the new key in the background, and the
 * old key is retired once nothing is sealed with it.
 */
@QuarkusTest
class KeyRingTest {

    static final byte[] INSTALLATION_KEY = Base64.getDecoder().decode(TimeflowTestResource.TEST_ENCRYPTION_KEY);
    static final String INSTALLATION_ID = KeyRing.idOf(INSTALLATION_KEY);
    static final String SECRET = "the-other-installation's-password";

    @Inject
    AgroalDataSource db;

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
    void aPasswordSealedByAnotherInstallationOpensOnceTheRingHoldsItsKeyAndARotationMovesIt() throws Exception {
        String plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        String id = Api.object(plugin, "REPOSITORY", "{\"name\": \"main\", \"user\": \"scott\", \"password\": \"x\"}");
        byte[] other = key();
        String otherId = KeyRing.idOf(other);
        // the object as another installation stored it: its password sealed with that installation's key
        String sealed = SecretCipher.of(other).seal("\"" + SECRET + "\"", "timeflow:plugin-object:" + plugin + ":" + id + ":/password");
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("update plugin_object set data = jsonb_set(data, '{password}', to_jsonb(?::text))"
                        + " where id = ?::uuid")) {
            ps.setString(1, sealed);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        try (Connection c = db.getConnection()) {
            DataKeyTable.put(c, null, row(otherId, KeyRing.State.RETAINED,
                    KeyWrap.wrap(INSTALLATION_KEY, otherId, KeyWrap.Kind.DATA_KEY, other)));
        }
        // an update that leaves the password out keeps it: it is opened and sealed again, with this installation's key
        given().auth().oauth2(Api.ADMIN).contentType(ContentType.JSON).body("{\"data\": {\"name\": \"main\", \"user\": \"tiger\"}}")
                .put("/api/v1/plugins/" + plugin + "/objects/" + id).then().statusCode(200)
                .body("sensitiveFields", equalTo(java.util.List.of("/password")));
        assertThat(passwordKey(id)).isEqualTo(INSTALLATION_ID);
        assertThat(open(id, plugin, SecretCipher.withRing(INSTALLATION_KEY, KeyRing.of(INSTALLATION_KEY)))).isEqualTo(SECRET);

        // the other installation's sealing again, then a rotation: the value moves to the new key, the old keys retire
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("update plugin_object set data = jsonb_set(data, '{password}', to_jsonb(?::text))"
                        + " where id = ?::uuid")) {
            ps.setString(1, sealed);
            ps.setString(2, id);
            ps.executeUpdate();
        }
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
            assertThat(passwordKey(id)).isEqualTo(rotatedId);
            assertThat(state(otherId)).isEqualTo("RETIRED");
        });
        KeyRing ring;
        try (Connection c = db.getConnection()) {
            ring = DataKeyTable.ring(INSTALLATION_KEY, java.util.List.of(), DataKeyTable.read(c, null));
        }
        assertThat(open(id, plugin, SecretCipher.withRing(INSTALLATION_KEY, ring))).isEqualTo(SECRET);
        assertThat(Api.getObject(plugin, id).getString("data.user")).isEqualTo("tiger");
    }

    static DataKeyTable.Row row(String id, KeyRing.State state, String material) {
        return new DataKeyTable.Row(id, state, material, material == null ? null : INSTALLATION_ID, "test", Instant.now(),
                null, null, null, null, null);
    }

    String storedPassword(String id) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select data ->> 'password' from plugin_object where id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    String passwordKey(String id) throws Exception {
        return SecretCipher.keyIdOf(storedPassword(id)).orElse(null);
    }

    String open(String id, String plugin, SecretCipher cipher) throws Exception {
        String json = cipher.open(storedPassword(id), "timeflow:plugin-object:" + plugin + ":" + id + ":/password");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).asText();
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
}
