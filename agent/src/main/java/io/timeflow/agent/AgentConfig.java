package io.timeflow.agent;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's settings: a flag ({@code --staging-url URL} or {@code --staging-url=URL}) wins over its
 * environment variable ({@code TIMEFLOW_STAGING_URL}), which wins over the default. Secrets (the API key,
 * the SQL password) come from the environment or a file only, never from a flag, so that they do not show
 * in the process list. The table of settings is in the agent's README.
 */
public record AgentConfig(
        String name,
        URI stagingUrl,
        URI snapshotUrl,
        String credential,
        String environmentName,
        String host,
        String osType,
        String timeZone,
        String connectorPath,
        Map<String, String> instances,
        Path standIn,
        String sqlUser,
        String sqlPassword,
        Path stateDir,
        Duration pollInterval,
        Duration watchInterval,
        Duration hookTimeout,
        Duration lease,
        int outputLines) {

    /** Thrown for a missing or malformed setting; the message names it. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    public boolean standInMode() {
        return standIn != null;
    }

    public char separator() {
        return "WINDOWS".equals(osType) ? '\\' : '/';
    }

    public static AgentConfig from(List<String> args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> instanceFlags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new Invalid("unexpected argument '" + a + "' (flags are --name value)");
            }
            String key;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                key = a.substring(2);
                if (i + 1 >= args.size()) {
                    throw new Invalid("--" + key + " needs a value");
                }
                value = args.get(++i);
            }
            if (key.equals("api-key") || key.equals("sql-password")) {
                throw new Invalid("--" + key + " is not accepted: pass secrets through the environment ("
                        + envName(key) + ") or a file (--" + key + "-file)");
            }
            if (key.equals("instance")) {
                instanceFlags.add(value);
            } else {
                flags.put(key, value);
            }
        }
        Settings s = new Settings(flags, env);
        String host = s.get("host", defaultHost());
        String name = s.get("name", host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new Invalid("--name (TIMEFLOW_AGENT_NAME) must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        String credential = s.secret("api-key");
        if (credential == null) {
            throw new Invalid("the agent needs an API key of the role agent: set TIMEFLOW_AGENT_API_KEY or "
                    + "--api-key-file FILE");
        }
        Path standIn = s.get("stand-in", null) == null ? null : Path.of(s.get("stand-in", null));
        String os = s.get("os", System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "WINDOWS"
                : "LINUX").toUpperCase(Locale.ROOT);
        if (!os.equals("WINDOWS") && !os.equals("LINUX")) {
            throw new Invalid("--os (TIMEFLOW_AGENT_OS) must be WINDOWS or LINUX");
        }
        String zone = s.get("time-zone", ZoneId.systemDefault().getId());
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new Invalid("--time-zone (TIMEFLOW_AGENT_TIME_ZONE) is not a time zone: " + zone);
        }
        String connector = s.get("connector-path", standIn == null ? null : standIn.resolve("connector").toString());
        if (connector == null) {
            throw new Invalid("--connector-path (TIMEFLOW_AGENT_CONNECTOR_PATH) is needed: where dSource mounts live");
        }
        Map<String, String> instances = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>(instanceFlags);
        if (declared.isEmpty() && env.get("TIMEFLOW_AGENT_INSTANCES") != null) {
            declared.addAll(List.of(env.get("TIMEFLOW_AGENT_INSTANCES").trim().split("\\s+")));
        }
        if (declared.isEmpty()) {
            declared.add(standIn == null ? "MSSQLSERVER=jdbc:sqlserver://localhost:1433;encrypt=true" : "MSSQLSERVER");
        }
        for (String d : declared) {
            int eq = d.indexOf('=');
            String instance = eq < 0 ? d : d.substring(0, eq);
            String url = eq < 0 ? null : d.substring(eq + 1);
            if (standIn == null && url == null) {
                throw new Invalid("--instance " + instance + " needs its JDBC URL: --instance " + instance
                        + "=jdbc:sqlserver://host:1433;encrypt=true");
            }
            instances.put(instance, url);
        }
        return new AgentConfig(name, url(s, "staging-url"), url(s, "snapshot-url"), credential,
                s.get("environment", host), host, os, zone, connector, instances, standIn,
                s.get("sql-user", null), s.secret("sql-password"),
                Path.of(s.get("state-dir", "timeflow-agent-state")), s.duration("poll-interval", "1s"),
                s.duration("watch-interval", "10s"), s.duration("hook-timeout", "30m"), s.duration("lease", "30s"),
                s.integer("output-lines", 200));
    }

    static String envName(String key) {
        String k = key.toUpperCase(Locale.ROOT).replace('-', '_');
        return k.startsWith("STAGING_URL") || k.startsWith("SNAPSHOT_URL") ? "TIMEFLOW_" + k : "TIMEFLOW_AGENT_" + k;
    }

    private static URI url(Settings s, String key) {
        String v = s.get(key, null);
        if (v == null) {
            throw new Invalid("--" + key + " (" + envName(key) + ") is needed");
        }
        try {
            URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Invalid("--" + key + " (" + envName(key) + ") is not a URL: " + v);
        }
    }

    private static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    private record Settings(Map<String, String> flags, Map<String, String> env) {
        String get(String key, String dflt) {
            String v = flags.get(key);
            if (v == null) {
                v = env.get(envName(key));
            }
            return v == null || v.isBlank() ? dflt : v.trim();
        }

        String secret(String key) {
            String file = get(key + "-file", null);
            if (file != null) {
                try {
                    return java.nio.file.Files.readString(Path.of(file)).trim();
                } catch (java.io.IOException e) {
                    throw new Invalid("--" + key + "-file: cannot read " + file + ": " + e.getMessage());
                }
            }
            String v = env.get(envName(key));
            return v == null || v.isBlank() ? null : v.trim();
        }

        Duration duration(String key, String dflt) {
            String v = get(key, dflt).toLowerCase(Locale.ROOT);
            try {
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new Invalid("--" + key + " (" + envName(key) + ") must be a duration such as 500ms, 10s, 5m or 1h: "
                        + v);
            }
        }

        int integer(String key, int dflt) {
            String v = get(key, String.valueOf(dflt));
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new Invalid("--" + key + " (" + envName(key) + ") must be a number: " + v);
            }
        }
    }
}
