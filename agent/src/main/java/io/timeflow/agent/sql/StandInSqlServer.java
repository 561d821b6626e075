package io.timeflow.agent.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The local stand-in for a staging host's SQL Server: a directory whose files hold the rows the system
 * views would return, for running the agent (and the whole story) where no SQL Server can run. It is
 * an honest local mode, documented in the agent's README, not a test double: the agent reads it through
 * the same {@link SqlServer} interface, and {@code timeflow-agent standin ...} changes it the way RESTORE
 * or SSMS would change a real instance.
 *
 * <pre>
 * DIR/host.json                                      {"timeZone": "Europe/Paris"}: the server's local time zone
 * DIR/instances/INSTANCE/databases/NAME.json         sys.databases columns (name, database_id, state_desc,
 *                                                    is_read_only, is_in_standby) and "files": sys.master_files
 *                                                    rows (name, type_desc, physical_name, state_desc)
 * DIR/instances/INSTANCE/msdb/restorehistory.jsonl   one line per restore: restorehistory joined to backupset
 *                                                    and backupmediafamily, named as the columns of the query
 *                                                    in SqlServerQueries.RESTORES
 * </pre>
 */
public final class StandInSqlServer implements SqlServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public StandInSqlServer(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Records the host's time zone (restore_date and backup dates are local times, as on a real server). */
    public void init(String timeZone) throws IOException {
        Files.createDirectories(dir);
        ObjectNode host = JSON.createObjectNode().put("timeZone", timeZone);
        write(dir.resolve("host.json"), host.toPrettyString());
    }

    public ZoneId zone() {
        try {
            Path host = dir.resolve("host.json");
            if (Files.exists(host)) {
                return ZoneId.of(JSON.readTree(host.toFile()).path("timeZone").asText("UTC"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ZoneId.of("UTC");
    }

    @Override
    public Optional<DatabaseRow> database(String instance, String name) throws SqlServerException {
        return read(instance, name).map(StandInSqlServer::databaseRow);
    }

    @Override
    public List<FileRow> files(String instance, String database) throws SqlServerException {
        Optional<ObjectNode> db = read(instance, database);
        List<FileRow> files = new ArrayList<>();
        db.ifPresent(d -> d.path("files").forEach(f -> files.add(new FileRow(f.path("name").asText(null),
                f.path("type_desc").asText("ROWS"), f.path("physical_name").asText(), f.path("state_desc").asText("ONLINE")))));
        return files;
    }

    @Override
    public List<RestoreRow> restoresInto(String instance, String database, int afterHistoryId) throws SqlServerException {
        Path history = instanceDir(instance).resolve("msdb").resolve("restorehistory.jsonl");
        List<RestoreRow> rows = new ArrayList<>();
        try {
            if (!Files.exists(history)) {
                return rows;
            }
            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = JSON.readTree(line);
                if (database.equals(r.path("destination_database_name").asText()) && r.path("restore_history_id").asInt() > afterHistoryId) {
                    rows.add(restoreRow(r));
                }
            }
        } catch (IOException e) {
            throw new SqlServerException("reading " + history + " failed: " + e.getMessage(), e);
        }
        rows.sort(java.util.Comparator.comparingInt(RestoreRow::restoreHistoryId));
        return rows;
    }

    @Override
    public AttachOutcome attach(String instance, AttachRequest r) throws SqlServerException {
        return locked(instance, () -> {
            Optional<ObjectNode> existing = read(instance, r.database());
            if (existing.isPresent()) {
                List<String> files = new ArrayList<>();
                existing.get().path("files").forEach(f -> files.add(f.path("physical_name").asText()));
                boolean ours = !files.isEmpty() && files.stream().allMatch(f -> f.startsWith(r.mountDirectory()));
                return ours ? new AttachOutcome(true, null, files)
                        : new AttachOutcome(false, "a database named " + r.database() + " exists on the instance and is "
                                + "not managed by Timeflow (its files are not on the dSource's mount)", files);
            }
            Path mount = Path.of(r.mountDirectory());
            List<String> onMount = new ArrayList<>();
            for (String name : r.fileNames()) {
                if (Files.exists(mount.resolve(name))) {
                    onMount.add(mount.resolve(name).toString());
                }
            }
            if (!r.fileNames().isEmpty() && onMount.isEmpty()) {
                return new AttachOutcome(false, "none of the database files " + r.fileNames() + " is on the mount "
                        + r.mountDirectory(), List.of());
            }
            if (onMount.isEmpty()) {
                // a new staging database: its two files directly in the mount's DB directory
                Files.createDirectories(mount);
                for (String name : List.of(r.database() + ".mdf", r.database() + "_log.ldf")) {
                    Path f = mount.resolve(name);
                    if (!Files.exists(f)) {
                        Files.createFile(f);
                    }
                    onMount.add(f.toString());
                }
            }
            ObjectNode db = JSON.createObjectNode();
            db.put("name", r.database());
            db.put("database_id", nextDatabaseId(instance));
            db.put("state_desc", "ONLINE".equals(r.mode()) ? "ONLINE" : "RESTORING");
            db.put("is_read_only", false);
            db.put("is_in_standby", false);
            ArrayNode files = db.putArray("files");
            for (String f : onMount) {
                files.addObject().put("name", logicalName(f)).put("type_desc", f.endsWith(".ldf") ? "LOG" : "ROWS")
                        .put("physical_name", f).put("state_desc", "ONLINE");
            }
            save(instance, db);
            return new AttachOutcome(true, null, onMount);
        });
    }

    @Override
    public String describe() {
        return "the stand-in host directory " + dir;
    }

    // ---- what RESTORE, ALTER DATABASE or SSMS would do on a real instance (the standin commands)

    /** A restore into the database: a restorehistory row (joined with its backupset) and the database's new state. */
    public int recordRestore(String instance, String database, ObjectNode backupSet, boolean replace, boolean recovery,
            String filesSubdirectory) throws SqlServerException {
        return locked(instance, () -> {
            ObjectNode db = read(instance, database).orElseThrow(() -> new IOException("database " + database
                    + " does not exist on instance " + instance + " (the agent creates it when the dSource is linked)"));
            Path history = instanceDir(instance).resolve("msdb").resolve("restorehistory.jsonl");
            Files.createDirectories(history.getParent());
            int id = 1;
            if (Files.exists(history)) {
                for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        id = Math.max(id, JSON.readTree(line).path("restore_history_id").asInt() + 1);
                    }
                }
            }
            ObjectNode row = JSON.createObjectNode();
            row.put("restore_history_id", id);
            row.put("restore_date", LocalDateTime.now(zone()).withNano(0).toString());
            row.put("destination_database_name", database);
            row.put("restore_type", backupSet.path("type").asText());
            row.put("replace", replace);
            row.put("recovery", recovery);
            row.put("backup_set_id", id);
            row.setAll(backupSet);
            Files.writeString(history, row.toString() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            db.put("state_desc", recovery ? "ONLINE" : "RESTORING");
            if (filesSubdirectory != null) {
                // RESTORE ... WITH MOVE into a folder of the DB directory (which staging push does not support)
                for (JsonNode f : db.path("files")) {
                    Path p = Path.of(f.path("physical_name").asText());
                    Path moved = p.getParent().resolve(filesSubdirectory).resolve(p.getFileName());
                    Files.createDirectories(moved.getParent());
                    if (Files.exists(p)) {
                        Files.move(p, moved, StandardCopyOption.REPLACE_EXISTING);
                    }
                    ((ObjectNode) f).put("physical_name", moved.toString());
                }
            }
            save(instance, db);
            return id;
        });
    }

    /** The database's state changed (e.g. brought ONLINE or set read-only in SSMS); MISSING drops it. */
    public void setState(String instance, String database, String state) throws SqlServerException {
        locked(instance, () -> {
            Path file = databaseFile(instance, database);
            if ("MISSING".equals(state)) {
                Files.deleteIfExists(file);
                return null;
            }
            ObjectNode db = read(instance, database).orElseThrow(() -> new IOException("database " + database
                    + " does not exist on instance " + instance));
            switch (state) {
                case "READ_ONLY" -> db.put("state_desc", "ONLINE").put("is_read_only", true).put("is_in_standby", false);
                case "STANDBY" -> db.put("state_desc", "RESTORING").put("is_in_standby", true);
                default -> db.put("state_desc", state).put("is_read_only", false).put("is_in_standby", false);
            }
            save(instance, db);
            return null;
        });
    }

    // ---- files

    private Path instanceDir(String instance) {
        return dir.resolve("instances").resolve(instance);
    }

    private Path databaseFile(String instance, String database) {
        return instanceDir(instance).resolve("databases").resolve(database + ".json");
    }

    private Optional<ObjectNode> read(String instance, String database) throws SqlServerException {
        Path file = databaseFile(instance, database);
        try {
            return Files.exists(file) ? Optional.of((ObjectNode) JSON.readTree(file.toFile())) : Optional.empty();
        } catch (IOException e) {
            throw new SqlServerException("reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void save(String instance, ObjectNode db) throws IOException {
        Path file = databaseFile(instance, db.path("name").asText());
        Files.createDirectories(file.getParent());
        write(file, db.toPrettyString());
    }

    private int nextDatabaseId(String instance) throws IOException {
        Path dbs = instanceDir(instance).resolve("databases");
        int max = 4; // master, tempdb, model and msdb come first on a real instance
        if (Files.isDirectory(dbs)) {
            try (var list = Files.list(dbs)) {
                for (Path p : list.toList()) {
                    max = Math.max(max, JSON.readTree(p.toFile()).path("database_id").asInt());
                }
            }
        }
        return max + 1;
    }

    private <T> T locked(String instance, Callable<T> action) throws SqlServerException {
        Path lock = instanceDir(instance).resolve(".lock");
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = ch.lock()) {
                return action.call();
            }
        } catch (SqlServerException e) {
            throw e;
        } catch (Exception e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String logicalName(String path) {
        String name = Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static DatabaseRow databaseRow(JsonNode d) {
        return new DatabaseRow(d.path("name").asText(), d.path("database_id").asInt(), d.path("state_desc").asText(),
                d.path("is_read_only").asBoolean(false), d.path("is_in_standby").asBoolean(false));
    }

    private static RestoreRow restoreRow(JsonNode r) {
        return new RestoreRow(r.path("restore_history_id").asInt(), time(r, "restore_date"),
                r.path("destination_database_name").asText(), text(r, "restore_type"), bit(r, "replace"),
                bit(r, "recovery"), r.path("backup_set_id").asInt(), text(r, "type"), lsn(r, "first_lsn"),
                lsn(r, "last_lsn"), lsn(r, "checkpoint_lsn"), lsn(r, "database_backup_lsn"),
                text(r, "last_recovery_fork_guid"), bit(r, "is_readonly"), time(r, "backup_start_date"),
                time(r, "backup_finish_date"), r.hasNonNull("time_zone") ? (short) r.path("time_zone").asInt() : null,
                text(r, "physical_device_name"));
    }

    private static String text(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.path(field).asText() : null;
    }

    private static Boolean bit(JsonNode r, String field) {
        return r.hasNonNull(field) ? r.path(field).asBoolean() : null;
    }

    private static BigDecimal lsn(JsonNode r, String field) {
        return r.hasNonNull(field) ? new BigDecimal(r.path(field).asText()) : null;
    }

    private static LocalDateTime time(JsonNode r, String field) {
        return r.hasNonNull(field) ? LocalDateTime.parse(r.path(field).asText()) : null;
    }
}
