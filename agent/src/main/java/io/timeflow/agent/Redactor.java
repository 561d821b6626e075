package io.timeflow.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes secrets out of a hook's output before it leaves the host: the values of the secrets the agent
 * knows (its API key, the SQL password) and of the hook's environment variables whose names say they are
 * secret, API keys ({@code tfk_...}), bearer tokens, {@code -P password} (sqlcmd) and
 * {@code password=...} forms.
 */
public final class Redactor {

    static final String MASK = "****";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|CREDENTIAL).*");
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("tfk_[A-Za-z0-9_-]+"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"),
            Pattern.compile("(\\s-P\\s*)(\"[^\"]*\"|'[^']*'|\\S+)"),
            Pattern.compile("(?i)((?:password|passwd|pwd)\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s;,]+)"));

    private final List<String> values;

    public Redactor(List<String> secrets, Map<String, String> environment) {
        List<String> v = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                v.add(s);
            }
        }
        environment.forEach((name, value) -> {
            if (value != null && value.length() >= 4 && SECRET_NAME.matcher(name).matches()) {
                v.add(value);
            }
        });
        v.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(v);
    }

    public String redact(String line) {
        String out = line;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        out = PATTERNS.get(0).matcher(out).replaceAll("tfk_" + MASK);
        out = PATTERNS.get(1).matcher(out).replaceAll("$1" + MASK);
        out = PATTERNS.get(2).matcher(out).replaceAll("$1" + MASK);
        out = PATTERNS.get(3).matcher(out).replaceAll("$1" + MASK);
        return out;
    }
}
