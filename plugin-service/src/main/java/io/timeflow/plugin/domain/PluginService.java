package io.timeflow.plugin.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.events.plugin.PluginInstalled;
import io.timeflow.platform.outbox.Outbox;
import io.timeflow.platform.problem.ProblemException;
import io.timeflow.platform.security.CurrentActor;
import io.timeflow.plugin.bundle.PluginBundle;
import io.timeflow.plugin.bundle.PluginConfig;
import io.timeflow.plugin.persistence.PluginRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Installs plugins from bundles and reads them. A bundle is loaded in the sandbox before anything
 * is written (so a bundle that does not load is refused, naming file and line); the plugin, its
 * first version and the {@code installed} event are then written in one transaction.
 */
@ApplicationScoped
public class PluginService {

    private static final Logger LOG = Logger.getLogger(PluginService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plugin with its current version. */
    public record PluginWithVersion(Plugin plugin, PluginVersion version) {
    }

    private final PluginRepository plugins;
    private final PluginLoader loader;
    private final Outbox outbox;
    private final CurrentActor actor;
    private final SchemaCache schemas;
    private final Clock clock;

    @Inject
    public PluginService(PluginRepository plugins, PluginLoader loader, Outbox outbox, CurrentActor actor,
            SchemaCache schemas, Clock clock) {
        this.plugins = plugins;
        this.loader = loader;
        this.outbox = outbox;
        this.actor = actor;
        this.schemas = schemas;
        this.clock = clock;
    }

    /**
     * Installs a plugin that is not installed yet.
     *
     * @throws ProblemException 422 for a bad bundle (naming file and line), 409 when the plugin is installed
     */
    public PluginWithVersion install(byte[] zip) {
        PluginBundle bundle = loader.read(zip);
        MigrationSet migrations;
        List<String> operations;
        try (PluginLoader.Loaded loaded = loader.load(bundle)) {
            migrations = loaded.migrations();
            operations = loaded.runtime().operations();
        }
        String installedBy = actor.get().subject();
        try {
            return QuarkusTransaction.requiringNew().call(() -> persistInstall(bundle, migrations, operations,
                    installedBy));
        } catch (jakarta.persistence.PersistenceException e) {
            // two installs of the same plugin at once: the second loses on the primary key
            if (QuarkusTransaction.requiringNew().call(() -> plugins.find(bundle.config().id()).isPresent())) {
                throw ProblemException.of(PluginProblem.PLUGIN_ALREADY_INSTALLED, "plugin " + bundle.config().id()
                        + " is already installed").with("pluginId", bundle.config().id());
            }
            throw e;
        }
    }

    private PluginWithVersion persistInstall(PluginBundle bundle, MigrationSet migrations, List<String> operations,
            String installedBy) {
        PluginConfig config = bundle.config();
        if (plugins.find(config.id()).isPresent()) {
            throw ProblemException.of(PluginProblem.PLUGIN_ALREADY_INSTALLED, "plugin " + config.id()
                            + " is already installed; upload a new version to POST /api/v1/plugins/" + config.id()
                            + "/upgrades")
                    .with("pluginId", config.id());
        }
        Instant now = clock.instant();
        UUID versionId = UUID.randomUUID();
        PluginVersion version = new PluginVersion(versionId, config.id(), versionContent(bundle, migrations, operations),
                now, installedBy, null);
        Plugin plugin = new Plugin(config.id(), config.name(), versionId, now);
        plugins.addVersion(version);
        plugins.add(plugin);
        plugins.flush();
        outbox.publish(new PluginInstalled(plugin.id(), versionId.toString(), plugin.name(), config.externalVersion(),
                config.buildNumber().spelling(), config.pluginType(), config.hostTypes(),
                migrations.all().stream().map(m -> m.id().spelling()).toList(), now));
        LOG.infof("installed plugin %s version %s (build %s, %d migrations)", plugin.id(), config.externalVersion(),
                config.buildNumber().spelling(), migrations.size());
        return new PluginWithVersion(plugin, version);
    }

    /** The row content of a version made from a checked bundle. */
    static PluginVersion.Content versionContent(PluginBundle bundle, MigrationSet migrations, List<String> operations) {
        PluginConfig config = bundle.config();
        try {
            return new PluginVersion.Content(config.externalVersion(), config.buildNumber().spelling(),
                    config.language(), config.pluginType(), JSON.writeValueAsString(config.hostTypes()),
                    config.entryPoint(), config.srcDir(), config.schemaFile(), bundle.schema().root().toString(),
                    migrationsJson(migrations.all()), JSON.writeValueAsString(operations), bundle.archive());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Migrations as stored with a version or an upgrade. */
    public static String migrationsJson(List<Migration> migrations) {
        ArrayNode array = JSON.createArrayNode();
        for (Migration m : migrations) {
            ObjectNode node = array.addObject();
            node.put("id", m.id().spelling());
            node.put("objectType", m.type().name());
            node.put("function", m.function());
            node.put("file", m.file());
            node.put("line", m.line());
        }
        return array.toString();
    }

    /** Migrations read back from a version or an upgrade. */
    public static List<Migration> migrationsOf(String json) {
        try {
            List<Migration> migrations = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                migrations.add(new Migration(MigrationId.parse(node.path("id").asText()),
                        ObjectType.valueOf(node.path("objectType").asText()), node.path("function").asText(),
                        node.path("file").asText(), node.path("line").asInt()));
            }
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional
    public PluginWithVersion get(String id) {
        Plugin plugin = plugins.find(id).orElseThrow(() -> ProblemException.notFound("plugin", id));
        return new PluginWithVersion(plugin, plugins.version(plugin.currentVersionId()).orElseThrow());
    }

    @Transactional
    public List<PluginWithVersion> page(int offset, int limit) {
        return plugins.page(offset, limit).stream()
                .map(p -> new PluginWithVersion(p, plugins.version(p.currentVersionId()).orElseThrow()))
                .toList();
    }

    @Transactional
    public long count() {
        return plugins.count();
    }

    /** Every installed version, newest first. */
    @Transactional
    public List<PluginVersion> versions(String id) {
        plugins.find(id).orElseThrow(() -> ProblemException.notFound("plugin", id));
        return plugins.versions(id);
    }

    /** The compiled schema of a version. */
    public io.timeflow.plugin.schema.PluginSchema schemaOf(PluginVersion version) {
        return schemas.of(version);
    }
}
