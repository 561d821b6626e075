package io.timeflow.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The actor of the current request, or {@link Actor#SYSTEM} for work that no caller started. */
@ApplicationScoped
public class CurrentActor {

    /** Identity attribute an authentication mechanism may set to name its credential (e.g. an API key id). */
    public static final String CREDENTIAL_ID_ATTRIBUTE = "timeflow.credential-id";

    private static final String[] ROLE_ORDER = {
        Roles.ADMIN, Roles.BACKUP_ADMIN, Roles.PLUGIN_ADMIN, Roles.OPERATOR, Roles.AGENT, Roles.VIEWER
    };

    @Inject
    CurrentIdentityAssociation identities;

    public Actor get() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SYSTEM;
        }
        SecurityIdentity identity;
        try {
            identity = identities.getIdentity();
        } catch (RuntimeException e) {
            return Actor.SYSTEM;
        }
        if (identity == null || identity.isAnonymous()) {
            return Actor.SYSTEM;
        }
        Principal principal = identity.getPrincipal();
        String role = "none";
        for (String r : ROLE_ORDER) {
            if (identity.hasRole(r)) {
                role = r;
                break;
            }
        }
        String credential = identity.getAttribute(CREDENTIAL_ID_ATTRIBUTE);
        if (credential == null && principal instanceof JsonWebToken jwt) {
            credential = jwt.getTokenID();
        }
        return new Actor(principal.getName(), role, credential);
    }
}
