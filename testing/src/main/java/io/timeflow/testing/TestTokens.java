package io.timeflow.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed with a key pair made for this JVM. The services under test
 * trust its public key (see {@link TimeflowTestResource}); a token signed by any other key is
 * refused, which is what the forged-token tests rely on.
 */
public final class TestTokens {

    public static final String ISSUER = "timeflow";
    public static final String AUDIENCE = "timeflow";

    private static final KeyPair KEYS = newKeyPair();

    private TestTokens() {
    }

    /** A token for subject {@code <role>-user} holding the given roles, valid for an hour. */
    public static String forRoles(String... roles) {
        return token(roles.length == 0 ? "nobody" : roles[0] + "-user", Set.of(roles), ISSUER, AUDIENCE,
                Instant.now().plus(Duration.ofHours(1)), KEYS.getPrivate());
    }

    public static String admin() {
        return forRoles("admin");
    }

    /** Full control for tests of refusals: any subject, roles, issuer, audience, expiry and signing key. */
    public static String token(String subject, Set<String> roles, String issuer, String audience, Instant expiresAt,
            PrivateKey signingKey) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .upn(subject)
                .audience(audience)
                .groups(roles)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(expiresAt)
                .jws().keyId("timeflow-test")
                .sign(signingKey);
    }

    public static PrivateKey signingKey() {
        return KEYS.getPrivate();
    }

    /** A key the services do not trust, for forged-token tests. */
    public static PrivateKey foreignKey() {
        return newKeyPair().getPrivate();
    }

    /** The PEM of the public key, as {@code mp.jwt.verify.publickey} takes it. */
    public static String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
