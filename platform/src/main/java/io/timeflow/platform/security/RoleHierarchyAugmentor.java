package io.timeflow.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/** Adds the roles a granted role implies (see {@link Roles#implied}), so endpoints name only the least role. */
@ApplicationScoped
public class RoleHierarchyAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new HashSet<>();
        for (String role : identity.getRoles()) {
            roles.addAll(Roles.implied(role));
        }
        if (roles.equals(identity.getRoles())) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
    }
}
