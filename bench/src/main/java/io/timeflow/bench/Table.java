package io.timeflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows of one run, printed as one table and written as JSON that a later run reads as its previous figures. */
final class Table {

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> about;

    Table(Map<String, String> about) {
        this.about = about;
    }

    void add(Row row) {
        rows.add(row);
        System.out.println("[bench] " + row.what() + ": " + row.detail() + (row.anchor() == null ? ""
                : "; " + row.anchor() + ": " + Row.fmt(row.anchorValue(), row.unit()) + " (" + row.ratioText() + ")"));
    }

    /** A line of the table's heading (and of the JSON's {@code about}), beside the date, build and machine. */
    void about(String key, String value) {
        about.put(key, value);
    }

    /** A line printed under the table (where the time went, what could not be measured). */
    void note(String line) {
        notes.add(line);
    }

    List<Row> rows() {
        return rows;
    }

    /** Rows that have no anchor of their own get the previous run's figure of the same key. */
    void anchorOnPrevious(Path previous) throws IOException {
        if (!Files.isRegularFile(previous)) {
            return;
        }
        JsonNode p = Http.JSON.readTree(previous.toFile());
        Map<String, Double> values = new HashMap<>();
        p.path("rows").forEach(r -> values.put(r.path("key").asText(), r.path("value").asDouble(Double.NaN)));
        String label = "previous (" + p.path("about").path("build").asText("?") + ", "
                + p.path("about").path("date").asText("?") + ")";
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Double v = values.get(r.key());
            if (r.anchor() == null && v != null && !v.isNaN()) {
                rows.set(i, r.withAnchor(label, v));
            }
        }
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n==== Timeflow benchmark table ====\n");
        about.forEach((k, v) -> sb.append(String.format("  %-10s %s%n", k, v)));
        sb.append("  ratio: the figure against its anchor, oriented so that above 1 is better (faster, more per second, "
                + "less memory)\n\n");
        String format = "%-58s | %-44s | %-52s | %-7s | %s%n";
        sb.append(String.format(format, "what", "measured", "anchor (same run unless marked previous)", "ratio", "target"));
        sb.append("-".repeat(58)).append("-|-").append("-".repeat(44)).append("-|-").append("-".repeat(52)).append("-|-")
                .append("-".repeat(7)).append("-|-").append("-".repeat(20)).append('\n');
        for (Row r : rows) {
            String anchor = r.anchor() == null ? "-" : r.anchor() + ": " + Row.fmt(r.anchorValue(), r.unit());
            sb.append(String.format(format, r.what(), r.detail(), anchor, r.ratioText(), r.target()));
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("  ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** The table as Markdown, for the READMEs. */
    String markdown() {
        StringBuilder sb = new StringBuilder("| what | measured | anchor | ratio | target |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            String anchor = r.anchor() == null ? "-" : r.anchor() + ": " + Row.fmt(r.anchorValue(), r.unit());
            sb.append("| ").append(r.what()).append(" | ").append(r.detail()).append(" | ").append(anchor).append(" | ")
                    .append(r.ratioText()).append(" | ").append(r.target()).append(" |\n");
        }
        notes.forEach(n -> sb.append("\n- ").append(n));
        return sb.toString();
    }

    ObjectNode json() {
        ObjectNode root = Http.JSON.createObjectNode();
        ObjectNode a = root.putObject("about");
        about.forEach(a::put);
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        ArrayNode list = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("key", r.key());
            o.put("what", r.what());
            o.put("value", r.value());
            o.put("unit", r.unit());
            o.put("higherIsBetter", r.higherBetter());
            o.put("measured", r.detail());
            if (r.anchor() != null) {
                o.put("anchor", r.anchor());
                o.put("anchorValue", r.anchorValue());
                o.put("ratio", r.ratio());
            }
            o.put("target", r.target());
        }
        return root;
    }
}
