package io.timeflow.plugin.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timeflow.platform.problem.CommonProblem;
import io.timeflow.platform.problem.Problem;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.plugin.persistence.ObjectRepository;
import io.timeflow.plugin.persistence.PluginRepository;
import io.timeflow.plugin.schema.JsonPointers;
import io.timeflow.plugin.schema.PluginSchema;
import io.timeflow.plugin.schema.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The objects a plugin defines. Each is validated against the installed version's schema; its
 * sensitive values are sealed at rest and never shown. While an upgrade of the plugin runs, reads go
 * on and writes are refused with 409 naming the upgrade; objects of other plugins are unaffected.
 */
@ApplicationScoped
public class ObjectService {

    private static final Logger LOG = Logger.getLogger(ObjectService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An object as the API shows it: plaintext minus the sensitive values. */
    public record ObjectSnapshot(PluginObject object, JsonNode visibleData, List<String> sensitiveFields,
            List<String> sentinelFields) {
    }

    private final PluginRepository plugins;
    private final ObjectRepository objects;
    private final SchemaCache schemas;
    private final ObjectSealer sealer;
    private final Clock clock;

    @Inject
    public ObjectService(PluginRepository plugins, ObjectRepository objects, SchemaCache schemas, ObjectSealer sealer,
            Clock clock) {
        this.plugins = plugins;
        this.objects = objects;
        this.schemas = schemas;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Transactional
    public ObjectSnapshot create(String pluginId, ObjectType type, JsonNode data) {
        Plugin plugin = writable(pluginId, "creating a " + type.label());
        PluginSchema schema = schemas.of(plugins.version(plugin.currentVersionId()).orElseThrow());
        requireValid(schema, type, data);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        List<String> sensitive = schema.sensitivePointers(type, data);
        JsonNode sealed = sealer.seal(pluginId, id, data, sensitive);
        PluginObject object = new PluginObject(id, pluginId, type, schema.nameOf(type, data).orElse(null),
                sealed.toString(), sentinelJson(schema.sentinelPointers(type, data)), now);
        objects.add(object);
        objects.flush();
        LOG.infof("created %s %s of plugin %s", type.label(), id, pluginId);
        return snapshot(object, data, schema);
    }

    /**
     * Replaces an object's data. A sensitive value the request leaves out keeps its stored value
     * (sensitive values are write-only: clients never see them, so cannot send them back).
     */
    @Transactional
    public ObjectSnapshot replace(String pluginId, UUID id, JsonNode data) {
        Plugin plugin = writable(pluginId, "updating an object");
        PluginObject object = objects.find(pluginId, id).orElseThrow(() -> ProblemException.notFound("object", id));
        PluginSchema schema = schemas.of(plugins.version(plugin.currentVersionId()).orElseThrow());
        JsonNode stored = read(object.sealedDataJson());
        JsonNode current = sealer.open(pluginId, id, object.type(), stored, schema);
        JsonNode merged = data.deepCopy();
        for (String pointer : schema.sensitivePointers(object.type(), current)) {
            if (JsonPointers.get(merged, pointer) == null && !JsonPointers.throughArray(current, pointer)) {
                JsonPointers.put(merged, pointer, JsonPointers.get(current, pointer));
            }
        }
        requireValid(schema, object.type(), merged);
        List<String> sensitive = schema.sensitivePointers(object.type(), merged);
        object.replace(schema.nameOf(object.type(), merged).orElse(null),
                sealer.seal(pluginId, id, merged, sensitive).toString(),
                sentinelJson(schema.sentinelPointers(object.type(), merged)), clock.instant());
        objects.flush();
        LOG.infof("updated %s %s of plugin %s", object.type().label(), id, pluginId);
        return snapshot(object, merged, schema);
    }

    @Transactional
    public void delete(String pluginId, UUID id) {
        writable(pluginId, "deleting an object");
        PluginObject object = objects.find(pluginId, id).orElseThrow(() -> ProblemException.notFound("object", id));
        objects.remove(object);
        LOG.infof("deleted %s %s of plugin %s", object.type().label(), id, pluginId);
    }

    @Transactional
    public ObjectSnapshot get(String pluginId, UUID id) {
        Plugin plugin = plugins.find(pluginId).orElseThrow(() -> ProblemException.notFound("plugin", pluginId));
        PluginObject object = objects.find(pluginId, id).orElseThrow(() -> ProblemException.notFound("object", id));
        PluginSchema schema = schemas.of(plugins.version(plugin.currentVersionId()).orElseThrow());
        return snapshot(object, read(object.sealedDataJson()), schema);
    }

    /** A page of the plugin's objects (of one type when given), optionally only those carrying a declared sentinel. */
    @Transactional
    public List<ObjectSnapshot> page(String pluginId, ObjectType type, boolean withSentinelsOnly, int offset,
            int limit) {
        Plugin plugin = plugins.find(pluginId).orElseThrow(() -> ProblemException.notFound("plugin", pluginId));
        PluginSchema schema = schemas.of(plugins.version(plugin.currentVersionId()).orElseThrow());
        return objects.page(pluginId, type, withSentinelsOnly, offset, limit).stream()
                .map(o -> snapshot(o, read(o.sealedDataJson()), schema))
                .toList();
    }

    @Transactional
    public long count(String pluginId, ObjectType type, boolean withSentinelsOnly) {
        return objects.count(pluginId, type, withSentinelsOnly);
    }

    /** The plugin, locked against an upgrade starting meanwhile; 409 while one runs. */
    private Plugin writable(String pluginId, String operation) {
        Plugin plugin = plugins.findForObjectWrite(pluginId)
                .orElseThrow(() -> ProblemException.notFound("plugin", pluginId));
        if (plugin.state() == PluginState.UPGRADING) {
            UUID upgrade = plugin.upgradeId().orElseThrow();
            throw ProblemException.of(CommonProblem.PLUGIN_UPGRADE_IN_PROGRESS, operation + " is refused while plugin "
                            + pluginId + " is being upgraded (upgrade " + upgrade + "); reads go on, retry when it ends")
                    .with("pluginId", pluginId)
                    .with("upgradeId", upgrade.toString());
        }
        return plugin;
    }

    private static void requireValid(PluginSchema schema, ObjectType type, JsonNode data) {
        List<Violation> violations = schema.validate(type, data);
        if (!violations.isEmpty()) {
            throw new ProblemException(CommonProblem.VALIDATION_FAILED, "the "
                    + type.label() + " does not conform to the plugin's schema: " + String.join("; ",
                            violations.stream().map(Violation::describe).toList()),
                    violations.stream().map(v -> new Problem.FieldError("data" + v.path(),
                            v.expectation() + " (rule " + v.rule() + ")")).toList(), Map.of());
        }
    }

    /** The API's view: sensitive fields found in the stored (sealed) object are hidden. */
    private static ObjectSnapshot snapshot(PluginObject object, JsonNode data, PluginSchema schema) {
        List<String> sensitive = schema.sensitivePointers(object.type(), data);
        return new ObjectSnapshot(object, ObjectSealer.hide(data, sensitive), sensitive,
                sentinelsOf(object.sentinelFieldsJson()));
    }

    static String sentinelJson(List<String> pointers) {
        if (pointers.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(pointers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> sentinelsOf(String json) {
        if (json == null) {
            return List.of();
        }
        List<String> pointers = new java.util.ArrayList<>();
        read(json).forEach(p -> pointers.add(p.asText()));
        return pointers;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read", e);
        }
    }
}
