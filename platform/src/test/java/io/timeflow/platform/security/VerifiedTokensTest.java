package io.timeflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * Verified bearer tokens are remembered for a minute at most and never past their expiry (ADR 162). Unit test:
 * smallrye-jwt's own parser verifies real RS256 tokens; the clock is one the test moves.
 */
class VerifiedTokensTest {

    private static final KeyPair KEYS = keys();

    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final VerifiedTokens tokens = new VerifiedTokens(counting(new DefaultJWTParser(context())), clock);

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() throws Exception {
        String token = token(KEYS.getPrivate(), Instant.now().plus(Duration.ofHours(1)));

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);

        assertThat(second.getSubject()).isEqualTo("agent-7").isEqualTo(first.getSubject());
        assertThat(second.getGroups()).containsExactly("operator");
        assertThat(verifications).as("signature checks").hasValue(1);
    }

    @Test
    void aTokenIsVerifiedAgainAMinuteLater() throws Exception {
        String token = token(KEYS.getPrivate(), Instant.now().plus(Duration.ofHours(1)));
        tokens.parse(token);

        clock.now = clock.now.plus(VerifiedTokens.REMEMBERED).minusSeconds(1);
        tokens.parse(token);
        assertThat(verifications).hasValue(1);

        clock.now = clock.now.plusSeconds(1);
        tokens.parse(token);
        assertThat(verifications).as("verified again once a minute has passed").hasValue(2);
    }

    @Test
    void anExpiredTokenIsNeverTakenFromMemory() throws Exception {
        Instant expires = Instant.now().plusSeconds(20);
        String token = token(KEYS.getPrivate(), expires);
        tokens.parse(token);

        clock.now = expires.plusSeconds(1); // within the minute, past the token's expiry
        tokens.parse(token); // smallrye-jwt's own check decides, with its clock skew
        assertThat(verifications).as("verified again once expired").hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        String forged = token(keys().getPrivate(), Instant.now().plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifications).as("each refused call verified").hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    private static String token(PrivateKey key, Instant expiresAt) {
        return Jwt.issuer("timeflow").subject("agent-7").upn("agent-7").audience("timeflow")
                .groups(Set.of("operator")).issuedAt(Instant.now().minusSeconds(5)).expiresAt(expiresAt)
                .jws().keyId("timeflow-test").sign(key);
    }

    private static JWTAuthContextInfo context() {
        JWTAuthContextInfo context = new JWTAuthContextInfo((RSAPublicKey) KEYS.getPublic(), "timeflow");
        context.setExpectedAudience(Set.of("timeflow"));
        return context;
    }

    /** The parser, counting the calls that reach it. */
    private JWTParser counting(JWTParser parser) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JWTParser.class},
                (proxy, method, args) -> {
                    verifications.incrementAndGet();
                    try {
                        return method.invoke(parser, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
