package io.timeflow.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Walks every operation of a running service's OpenAPI document ({@code /q/openapi}) against its
 * {@link RoleTable}: an operation missing from the table (or a row with no operation) fails, and
 * for every role, a role that the table allows must not get 401/403, a role it refuses must get a
 * 403 problem+json, and a call without a token a 401 problem+json.
 *
 * <p>Calls carry random ids and an unreadable body, so an allowed call ends in a 4xx of the
 * service's own (404, 400) and changes nothing; the role check comes first either way.
 */
public final class RoleTableWalk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    private static final String ID = "0b5e3c1a-7f2d-4c8e-9a61-3d4f5e6a7b8c";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final RoleTable table;
    private final List<String> roles;
    private final Function<String, Set<String>> implied;

    /**
     * @param base    the service's base URL (where {@code /q/openapi} and {@code /api} are served)
     * @param roles   every role there is
     * @param implied the roles a granted role stands for, itself included
     */
    public RoleTableWalk(URI base, RoleTable table, List<String> roles, Function<String, Set<String>> implied) {
        this.base = base;
        this.table = table;
        this.roles = roles;
        this.implied = implied;
    }

    /** One operation as the OpenAPI document describes it. */
    public record Operation(String method, String path, String contentType, String accept) {
        String key() {
            return method + " " + path;
        }
    }

    /** The operations of the served document, health and the document itself being outside {@code /api}. */
    public List<Operation> operations() throws IOException, InterruptedException {
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (doc.statusCode() != 200) {
            throw new AssertionError("the OpenAPI document is not served without a token: " + doc.statusCode());
        }
        JsonNode paths = JSON.readTree(doc.body()).path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> op = o.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Iterator<String> types = op.getValue().path("requestBody").path("content").fieldNames();
                // what the operation answers on success (an archive download is not JSON), and problems
                Set<String> accept = new java.util.LinkedHashSet<>();
                for (Iterator<Map.Entry<String, JsonNode>> r = op.getValue().path("responses").fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = r.next();
                    if (response.getKey().startsWith("2")) {
                        response.getValue().path("content").fieldNames().forEachRemaining(accept::add);
                    }
                }
                accept.add("application/json");
                accept.add(PROBLEM);
                operations.add(new Operation(method, path.getKey(), types.hasNext() ? types.next() : null,
                        String.join(", ", accept)));
            }
        }
        return operations;
    }

    /** Walks the whole table; returns how many calls were made. Throws one error listing every breach. */
    public int walk() throws IOException, InterruptedException {
        List<Operation> operations = operations();
        List<String> failures = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Operation op : operations) {
            documented.add(op.key());
            if (table.row(op.method(), op.path()) == null) {
                failures.add(op.key() + " is served but missing from the role table of " + table.service()
                        + " in docs/security.md");
            }
        }
        for (RoleTable.Row row : table.rows()) {
            if (!documented.contains(row.operation())) {
                failures.add(row.operation() + " is in the role table but not served by " + table.service());
            }
            if (!roles.contains(row.leastRole())) {
                failures.add(row.operation() + " names an unknown role " + row.leastRole());
            }
        }
        int calls = 0;
        for (Operation op : operations) {
            RoleTable.Row row = table.row(op.method(), op.path());
            if (row == null) {
                continue;
            }
            HttpResponse<String> anonymous = call(op, null);
            calls++;
            if (anonymous.statusCode() != 401 || !isProblem(anonymous)) {
                failures.add(op.key() + " without a token: " + anonymous.statusCode() + " instead of 401 problem+json");
            }
            for (String role : roles) {
                boolean allowed = implied.apply(role).contains(row.leastRole());
                HttpResponse<String> answer = call(op, TestTokens.forRoles(role));
                calls++;
                int status = answer.statusCode();
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(op.key() + " as " + role + ": " + status + " although the table allows it");
                } else if (allowed && status >= 500 && status != 503) {
                    failures.add(op.key() + " as " + role + ": " + status + " (a server failure for an unreadable call)");
                } else if (!allowed && (status != 403 || !isProblem(answer) || !answer.body().contains("\"FORBIDDEN\""))) {
                    failures.add(op.key() + " as " + role + ": " + status + " instead of 403 problem+json (least role "
                            + row.leastRole() + ")");
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " breaches of the role table of " + table.service() + ":\n  "
                    + String.join("\n  ", failures));
        }
        return calls;
    }

    /**
     * Calls every operation of the table that an {@code admin} may read (GET) with the given token and
     * fails unless each answer is 401 problem+json.
     */
    public void assertRefused(String token) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Operation op : operations()) {
            if (!op.method().equals("GET")) {
                continue;
            }
            HttpResponse<String> answer = call(op, token);
            if (answer.statusCode() != 401 || !isProblem(answer)) {
                failures.add(op.key() + ": " + answer.statusCode() + " instead of 401 problem+json");
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a bad token was not refused:\n  " + String.join("\n  ", failures));
        }
    }

    /**
     * Calls every operation with an {@code Accept} header listing exactly the media types its document
     * declares for its answers, as the generated clients send it (for an operation answering 204 and
     * problems, only {@code application/problem+json}), and fails if one answers 406: a client built
     * from the document could not call it.
     */
    public void assertDocumentedMediaTypesAccepted(String token) throws IOException, InterruptedException {
        HttpResponse<String> doc = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = JSON.readTree(doc.body()).path("paths");
        List<String> failures = new ArrayList<>();
        for (Operation op : operations()) {
            JsonNode described = paths.path(op.path()).path(op.method().toLowerCase());
            Set<String> declared = new java.util.LinkedHashSet<>();
            described.path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(declared::add));
            if (declared.isEmpty()) {
                continue;
            }
            HttpResponse<String> answer = call(new Operation(op.method(), op.path(), op.contentType(),
                    String.join(", ", declared)), token);
            if (answer.statusCode() == 406) {
                failures.add(op.key() + " answers 406 to Accept: " + String.join(", ", declared));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("operations refuse the media types their document declares:\n  "
                    + String.join("\n  ", failures));
        }
    }

    private HttpResponse<String> call(Operation op, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(op.path().replaceAll("\\{[^}]+}", ID)))
                .header("Accept", op.accept());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (op.contentType() != null) {
            request.header("Content-Type", op.contentType());
            // not readable as JSON, not a zip, not an archive: an allowed call is refused by the service itself
            body = HttpRequest.BodyPublishers.ofString("{\"", StandardCharsets.UTF_8);
        }
        request.method(op.method(), body);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isProblem(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM);
    }
}
