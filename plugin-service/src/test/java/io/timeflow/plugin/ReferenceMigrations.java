package io.timeflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plugin's data migrations in plain CPython with {@code src/test/python/reference_migrations.py}
 * (the plugin imported as the SDK's build imports it, objects handed over as JSON as the platform
 * does), so that tests can compare every object the service's sandbox produced with what the same
 * functions produce in CPython. Needs {@code python3} on the PATH; {@link #available()} says whether
 * it is there.
 */
final class ReferenceMigrations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HARNESS = Path.of("src/test/python/reference_migrations.py");
    private static Boolean available;

    /** An object to migrate: its type (e.g. LINKED_SOURCE) and data. */
    record Input(String type, JsonNode data) {
    }

    private ReferenceMigrations() {
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /**
     * Runs the migrations with the given ids over the objects, each through the chain of its own
     * type in numeric id order. Answers per object {@code {"ok": object}} or {@code {"error":
     * {"exception", "message"}}}.
     *
     * @param srcDir     the plugin's source directory
     * @param entryPoint module:object
     */
    static List<JsonNode> run(Path srcDir, String entryPoint, List<String> migrationIds, List<Input> objects) {
        try {
            ObjectNode request = JSON.createObjectNode();
            ArrayNode ids = request.putArray("migrations");
            migrationIds.forEach(ids::add);
            ArrayNode items = request.putArray("objects");
            for (Input input : objects) {
                items.addObject().put("type", input.type()).set("data", input.data());
            }
            Path file = Files.createTempFile("reference-migrations", ".json");
            Path log = Files.createTempFile("reference-migrations", ".log");
            try {
                Files.writeString(file, request.toString(), StandardCharsets.UTF_8);
                Process p = new ProcessBuilder("python3", HARNESS.toString(), srcDir.toString(), entryPoint,
                        file.toString()).redirectError(log.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new AssertionError("the reference run failed: " + Files.readString(log));
                }
                List<JsonNode> answers = new ArrayList<>();
                JSON.readTree(out).forEach(answers::add);
                return answers;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the object without the values at the given JSON pointers (the sensitive ones the API leaves out). */
    static JsonNode without(JsonNode object, List<String> pointers) {
        JsonNode copy = object.deepCopy();
        for (String pointer : pointers) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent instanceof ObjectNode o) {
                o.remove(last);
            } else if (parent instanceof ArrayNode a) {
                a.remove(Integer.parseInt(last));
            }
        }
        return copy;
    }
}
