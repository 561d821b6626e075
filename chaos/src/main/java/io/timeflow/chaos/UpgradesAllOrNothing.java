package io.timeflow.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An upgrade is all or nothing: once the suite is quiet, every object of the plugin carries the
 * generation of the version the plugin is on (all went through the new version's migrations, or none
 * did); that version is the one the last successful upgrade went to; no upgrade is still under way,
 * nor does any service still refuse work because it believes one is; every upgrade that was accepted
 * exists. Objects: each one whose creation was accepted exists once, and none exists whose creation
 * was refused.
 */
public final class UpgradesAllOrNothing implements Invariant {

    static final Set<String> OVER = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    @Override
    public String name() {
        return "upgrades all or nothing";
    }

    @Override
    public Verdict check(History history, FinalState state) {
        Findings f = new Findings();
        for (FinalState.PluginState p : state.plugins()) {
            int generation = PluginOperator.generationOf(p.version());
            if (!"ACTIVE".equals(p.state())) {
                f.add("plugin " + p.id() + " is still " + p.state() + " once the suite is quiet", p.id());
            }
            Map<Integer, Integer> byGeneration = new HashMap<>();
            String example = null;
            for (FinalState.ObjectRow o : p.objects()) {
                f.checked(1);
                int g = o.generation() == null ? -1 : o.generation();
                byGeneration.merge(g, 1, Integer::sum);
                if (g != generation && example == null) {
                    example = o.id().toString();
                }
            }
            if (example != null) {
                f.add("plugin " + p.id() + " is on version " + p.version() + " but its objects are at generations "
                        + byGeneration + " (generation: objects), e.g. object " + example + ": an upgrade was half applied",
                        p.id(), example);
            }
            String lastSucceeded = null;
            for (FinalState.UpgradeRow u : p.upgrades()) {
                if (!OVER.contains(u.state())) {
                    f.add("upgrade " + u.id() + " of plugin " + p.id() + " is still " + u.state(), p.id(),
                            u.id().toString());
                }
                if ("SUCCEEDED".equals(u.state()) && (lastSucceeded == null
                        || PluginOperator.generationOf(u.toVersion()) > PluginOperator.generationOf(lastSucceeded))) {
                    lastSucceeded = u.toVersion();
                }
            }
            if (lastSucceeded != null && PluginOperator.generationOf(lastSucceeded) != generation) {
                f.add("plugin " + p.id() + " is on version " + p.version() + " but its last successful upgrade went to "
                        + lastSucceeded, p.id());
            }
            Set<String> upgrades = new HashSet<>();
            p.upgrades().forEach(u -> upgrades.add(u.id().toString()));
            for (Op op : history.where(o -> o.f().equals("upgrade.request") && o.ok() && p.id().equals(o.key("plugin")))) {
                if (op.key("upgrade") != null && !upgrades.contains(op.key("upgrade"))) {
                    f.add("upgrade " + op.key("upgrade") + " was accepted (202) but plugin-service does not list it",
                            p.id(), op.key("upgrade"));
                }
            }
            for (FinalState.GuardRow g : state.guards()) {
                if (g.pluginId().equals(p.id())) {
                    f.add(g.schema() + "-service still refuses work on plugin " + p.id() + "'s dSources for upgrade "
                            + g.upgradeId() + ", which ended", p.id(), g.upgradeId());
                }
            }
            objects(history, p, f);
        }
        return f.verdict(name());
    }

    private static void objects(History history, FinalState.PluginState p, Findings f) {
        Map<String, Integer> present = new HashMap<>();
        p.objects().forEach(o -> present.merge(o.name(), 1, Integer::sum));
        Set<String> mayExist = new HashSet<>();
        for (Op op : history.where(o -> o.f().equals("object.create") && p.id().equals(o.key("plugin")))) {
            String name = op.key("name");
            if (op.ok()) {
                mayExist.add(name);
                if (!present.containsKey(name)) {
                    f.add("object " + name + " of plugin " + p.id() + " was created (201) but is not there: lost", p.id(),
                            name);
                }
            } else if (op.unknown()) {
                mayExist.add(name);
            }
        }
        for (Map.Entry<String, Integer> e : present.entrySet()) {
            if (e.getValue() > 1) {
                f.add("object " + e.getKey() + " of plugin " + p.id() + " exists " + e.getValue() + " times", p.id(),
                        e.getKey());
            }
            if (!mayExist.contains(e.getKey())) {
                f.add("object " + e.getKey() + " of plugin " + p.id() + " exists but its creation was refused", p.id(),
                        e.getKey());
            }
        }
    }
}
