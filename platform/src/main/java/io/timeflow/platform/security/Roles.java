package io.timeflow.platform.security;

import java.util.List;
import java.util.Set;

/**
 * The roles every service checks. A token carries them in its {@code groups} claim. {@link #ADMIN}
 * implies every role; {@link #OPERATOR}, {@link #PLUGIN_ADMIN} and {@link #BACKUP_ADMIN} imply
 * {@link #VIEWER}; {@link #AGENT} implies nothing (it reports restores and database state only).
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String AGENT = "agent";
    public static final String PLUGIN_ADMIN = "plugin-admin";
    public static final String BACKUP_ADMIN = "backup-admin";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(VIEWER, OPERATOR, AGENT, PLUGIN_ADMIN, BACKUP_ADMIN, ADMIN);

    /** The roles a granted role stands for, itself included. */
    public static Set<String> implied(String role) {
        return switch (role) {
            case ADMIN -> Set.copyOf(ALL);
            case OPERATOR, PLUGIN_ADMIN, BACKUP_ADMIN -> Set.of(role, VIEWER);
            default -> Set.of(role);
        };
    }

    private Roles() {
    }
}
