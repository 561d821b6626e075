package io.timeflow.platform.security.apikey;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.timeflow.platform.security.CurrentActor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a presented API key into an identity: subject {@code api-key:<name>}, the key's role, and
 * the key id as the credential of everything it changes ({@link CurrentActor#CREDENTIAL_ID_ATTRIBUTE}).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String SUBJECT_PREFIX = "api-key:";

    private final ApiKeys keys;

    @Inject
    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> keys.authenticate(request.key())
                .map(key -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(SUBJECT_PREFIX + key.name()))
                        .addRole(key.role())
                        .addAttribute(CurrentActor.CREDENTIAL_ID_ATTRIBUTE, key.id().toString())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("API key refused")));
    }
}
