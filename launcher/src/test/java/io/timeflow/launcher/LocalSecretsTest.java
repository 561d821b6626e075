package io.timeflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local suite's secrets: made once, kept between runs, readable by their owner only. */
class LocalSecretsTest {

    @TempDir
    Path data;

    @Test
    void secretsAreMadeOnceAndKeptBetweenRuns() throws Exception {
        LocalSecrets first = LocalSecrets.loadOrCreate(data);
        LocalSecrets again = LocalSecrets.loadOrCreate(data);
        assertThat(first.rolePasswords()).containsOnlyKeys("staging", "snapshot", "plugin", "backup");
        assertThat(first.rolePasswords().values()).doesNotHaveDuplicates().allMatch(p -> p.length() >= 24);
        assertThat(again.rolePasswords()).isEqualTo(first.rolePasswords());
        assertThat(again.encryptionKey()).isEqualTo(first.encryptionKey());
        assertThat(Base64.getDecoder().decode(first.encryptionKey())).hasSize(32);
        assertThat(again.backupPassphrase()).isEqualTo(first.backupPassphrase());
        assertThat(again.signingKey()).isEqualTo(first.signingKey());

        Path secrets = data.resolve("secrets");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("secrets.properties"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("jwt-private.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aLocalTokenIsWhatTheServicesExpect() throws Exception {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(data);
        String token = Tokens.sign(secrets.signingKey(), "local-operator", Set.of("operator"), Duration.ofHours(1));

        String pem = Files.readString(secrets.publicKeyFile()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer("timeflow")
                .setExpectedAudience("timeflow").setRequireExpirationTime()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS256").build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("local-operator");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("operator");
        assertThat(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis())
                .isBetween(Duration.ofMinutes(55).toMillis(), Duration.ofMinutes(61).toMillis());
    }
}
