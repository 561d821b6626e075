package io.timeflow.testing.security;

import io.smallrye.jwt.build.Jwt;
import io.timeflow.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens a service must refuse, each otherwise valid and holding the {@code admin} role: signed by a
 * foreign key, expired, from another issuer, for another audience, unsigned ({@code alg: none}), and
 * signed with HMAC using the service's public key as the secret (the algorithm-confusion attack).
 */
public final class BadTokens {

    private BadTokens() {
    }

    /** Name of the flaw → token. */
    public static Map<String, String> all() {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        Set<String> admin = Set.of("admin");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("forged (signed by a foreign key)", TestTokens.token("mallory", admin, TestTokens.ISSUER,
                TestTokens.AUDIENCE, inAnHour, TestTokens.foreignKey()));
        tokens.put("expired", TestTokens.token("admin-user", admin, TestTokens.ISSUER, TestTokens.AUDIENCE,
                Instant.now().minus(Duration.ofMinutes(10)), TestTokens.signingKey()));
        tokens.put("wrong issuer", TestTokens.token("admin-user", admin, "https://issuer.example", TestTokens.AUDIENCE,
                inAnHour, TestTokens.signingKey()));
        tokens.put("wrong audience", TestTokens.token("admin-user", admin, TestTokens.ISSUER, "another-suite",
                inAnHour, TestTokens.signingKey()));
        tokens.put("alg none (unsigned)", unsigned(inAnHour));
        tokens.put("HMAC signed with the public key", Jwt.issuer(TestTokens.ISSUER).subject("mallory")
                .audience(TestTokens.AUDIENCE).groups(admin).expiresAt(inAnHour)
                .signWithSecret(TestTokens.publicKeyPem()));
        tokens.put("garbage", "not-a-token");
        return tokens;
    }

    private static String unsigned(Instant expiresAt) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String claims = """
                {"iss":"%s","aud":"%s","sub":"mallory","upn":"mallory","groups":["admin"],"jti":"%s","iat":%d,"exp":%d}"""
                .formatted(TestTokens.ISSUER, TestTokens.AUDIENCE, UUID.randomUUID(), Instant.now().getEpochSecond() - 5,
                        expiresAt.getEpochSecond());
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
