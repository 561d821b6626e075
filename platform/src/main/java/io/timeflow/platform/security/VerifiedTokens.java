package io.timeflow.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens this service verified lately, so that a client calling again with the same token is not verified
 * again (ADR 162): parsing the JSON and checking the RSA signature of every call was about 7 % of staging-service's
 * CPU under restore reports, where each agent sends the same token for hours. A token is taken from here for at most
 * {@link #REMEMBERED} after it was verified, and never once it has expired; a token that failed is never remembered.
 * Every other use of the parser goes to smallrye-jwt's own.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** How long a verified token is taken without verifying it again. */
    static final Duration REMEMBERED = Duration.ofSeconds(60);

    /** Beyond this many tokens, the ones no longer to be taken are swept, and if that is not enough, all. */
    static final int AT_MOST = 10_000;

    private record Verified(JsonWebToken token, long verifiedAtMillis) {
    }

    private final JWTParser parser;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser parser) {
        this(parser, Clock.systemUTC());
    }

    VerifiedTokens(JWTParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null && takenAt(known, now)) {
            return known.token();
        }
        JsonWebToken parsed = parser.parse(token);
        if (verified.size() >= AT_MOST) {
            verified.values().removeIf(v -> !takenAt(v, now));
            if (verified.size() >= AT_MOST) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(parsed, now));
        return parsed;
    }

    /** Whether a token verified then may be taken now: remembered recently enough, and not expired. */
    private static boolean takenAt(Verified v, long nowMillis) {
        return nowMillis - v.verifiedAtMillis() < REMEMBERED.toMillis()
                && v.token().getExpirationTime() * 1000 > nowMillis;
    }

    int size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
