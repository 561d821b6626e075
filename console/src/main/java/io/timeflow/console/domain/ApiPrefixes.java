package io.timeflow.console.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service answers a path of the suite's API. The four services serve disjoint prefixes under
 * {@code /api/v1} (the first segment after it names a resource of exactly one service), so one
 * origin can carry all four: this table is the console's prefix router, the same one the Helm
 * chart's Ingress routes by ({@code services.<name>.ingressPaths}).
 */
public final class ApiPrefixes {

    /** The base of every API path. */
    public static final String BASE = "/api/v1/";

    private static final Map<String, Service> BY_SEGMENT = new LinkedHashMap<>();

    static {
        for (Service service : Service.values()) {
            for (String segment : service.segments()) {
                BY_SEGMENT.put(segment, service);
            }
        }
    }

    /** The four services and the first path segments (after {@code /api/v1/}) each one serves. */
    public enum Service {
        STAGING("staging", List.of("environments", "dsources", "faults", "agents", "api-keys")),
        SNAPSHOT("snapshot", List.of("snapsync", "snapshots", "timeflows", "sync-policies", "vdbs",
                "target-environments")),
        PLUGIN("plugin", List.of("plugins")),
        BACKUP("backup", List.of("backups", "restores", "backup-schedule", "data-keys"));

        private final String key;
        private final List<String> segments;

        Service(String key, List<String> segments) {
            this.key = key;
            this.segments = segments;
        }

        /** staging, snapshot, plugin or backup. */
        public String key() {
            return key;
        }

        /** e.g. staging-service */
        public String serviceName() {
            return key + "-service";
        }

        public List<String> segments() {
            return segments;
        }

        /** The prefixes an Ingress routes to this service, e.g. {@code /api/v1/dsources}. */
        public List<String> prefixes() {
            return segments.stream().map(s -> BASE + s).toList();
        }
    }

    private ApiPrefixes() {
    }

    /**
     * The service that serves {@code path} (a request path without its query), or empty when the path is
     * outside {@code /api/v1/} or no service serves its first segment. {@code /api/v1/dsources} and
     * {@code /api/v1/dsources/...} match; {@code /api/v1/dsourcesX} does not.
     */
    public static Optional<Service> serviceOf(String path) {
        if (path == null || !path.startsWith(BASE)) {
            return Optional.empty();
        }
        String rest = path.substring(BASE.length());
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        return Optional.ofNullable(BY_SEGMENT.get(segment));
    }
}
