package io.timeflow.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Data migrations run in a sandbox with no file, network, process, thread, environment, host-class
 * or native access, a wall-clock limit per call and a statement bound. Each escape attempt fails the
 * upgrade with a clear error, changes nothing, and leaves the service able to run the next upgrade.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxTest {

    static String plugin;
    static String victim;

    @BeforeEach
    void install() {
        if (plugin == null) {
            plugin = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
            victim = Api.object(plugin, "VIRTUAL_SOURCE", "{\"name\": \"victim\"}");
        }
    }

    static Bundle v2(String migrationBody) {
        return Bundle.of("rules-v1").id(plugin).build("2").with("src/migrations.py", """
                import os
                import socket
                import subprocess
                import sys
                import threading

                from dlpx.virtualization import libs
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()


                @plugin.upgrade.virtual_source("1")
                def escape(old):
                """ + migrationBody.indent(4) + """
                    return old
                """);
    }

    /** Runs the upgrade; expects it to fail with the code; checks that nothing changed. */
    static JsonPath failsCleanly(String migrationBody, String code) {
        JsonPath upgrade = Api.upgraded(plugin, v2(migrationBody), false);
        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getString("error.code")).isEqualTo(code);
        assertThat(upgrade.getString("error.message"))
                .startsWith("virtual source " + victim + ": migration 1 (escape, src/migrations.py line 13)");
        assertThat(Api.getObject(plugin, victim).getMap("data")).isEqualTo(Map.of("name", "victim"));
        JsonPath after = Api.plugin(plugin);
        assertThat(after.getString("state")).isEqualTo("ACTIVE");
        assertThat(after.getString("buildNumber")).isEqualTo("1.0");
        return upgrade;
    }

    @Test
    void networkAccessFailsTheUpgrade() {
        JsonPath upgrade = failsCleanly("socket.create_connection((\"localhost\", 5432), timeout=1)", "SANDBOX_VIOLATION");
        assertThat(upgrade.getString("error.message")).contains("tried to use the network");
    }

    @Test
    void networkAccessFailsTheUpgradeEvenWhenTheMigrationCatchesEveryException() {
        JsonPath upgrade = failsCleanly("""
                try:
                    socket.getaddrinfo("localhost", 5432)
                except BaseException:
                    pass""", "SANDBOX_VIOLATION");
        assertThat(upgrade.getString("error.message")).contains("tried to use the network");
    }

    @Test
    void startingAProcessFailsTheUpgrade() {
        JsonPath upgrade = failsCleanly("os.system(\"id\")", "SANDBOX_VIOLATION");
        assertThat(upgrade.getString("error.message")).contains("tried to start a process");
    }

    @Test
    void startingAThreadFailsTheUpgrade() {
        JsonPath upgrade = failsCleanly("threading.Thread(target=print).start()", "SANDBOX_VIOLATION");
        assertThat(upgrade.getString("error.message")).contains("tried to start a thread");
    }

    @Test
    void aRunawayLoopIsStoppedByTheWallClockLimitOfAMigrationCall() {
        JsonPath upgrade = failsCleanly("while True: pass", "MIGRATION_TIMED_OUT");
        assertThat(upgrade.getString("error.message")).contains("ran longer than the time limit");
    }

    @Test
    void aLoopOfManyStatementsIsStoppedByTheStatementLimit() {
        JsonPath upgrade = failsCleanly("""
                n = 0
                while True:
                    n += 1
                    n -= 1""", "MIGRATION_LIMIT_EXCEEDED");
        assertThat(upgrade.getString("error.message")).contains("executed more statements than a migration call may");
    }

    @Test
    void eachEscapeTheInterpreterRefusesFailsItsObjectWithAClearError() {
        // one object per attempt; the migration dispatches on the object's name
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("file", "open('/etc/passwd').read()");
        attempts.put("listdir", "os.listdir('/')");
        attempts.put("subprocess", "subprocess.run(['id'])");
        attempts.put("environ", "os.environ['HOME']");
        attempts.put("getenv", "os.getenv('PATH')");
        attempts.put("hostclass", "import java\n        java.type('java.lang.Runtime')");
        attempts.put("polyglot", "import polyglot\n        polyglot.eval(language='js', string='1')");
        attempts.put("native", "import ctypes");
        attempts.put("exit", "sys.exit(3)");
        attempts.put("run_bash", "try:\n            libs.run_bash(None, 'id')\n        except Exception:\n            pass");
        String sandboxed = Api.installed(Bundle.of("rules-v1").id(Bundle.newId()));
        Map<String, String> objects = new LinkedHashMap<>();
        StringBuilder dispatch = new StringBuilder();
        for (Map.Entry<String, String> a : attempts.entrySet()) {
            objects.put(a.getKey(), Api.object(sandboxed, "VIRTUAL_SOURCE", "{\"name\": \"" + a.getKey() + "\"}"));
            dispatch.append("    if old['name'] == '").append(a.getKey()).append("':\n        ")
                    .append(a.getValue()).append("\n");
        }
        Bundle v2 = Bundle.of("rules-v1").id(sandboxed).build("2").with("src/migrations.py", """
                import os
                import subprocess
                import sys

                from dlpx.virtualization import libs
                from dlpx.virtualization.platform import Plugin

                plugin = Plugin()


                @plugin.upgrade.virtual_source("1")
                def escape(old):
                """ + dispatch + """
                    return old
                """);

        JsonPath upgrade = Api.upgraded(sandboxed, v2, false);

        assertThat(upgrade.getString("state")).isEqualTo("FAILED");
        assertThat(upgrade.getLong("objectsFailed")).isEqualTo(attempts.size());
        JsonPath report = Api.report(sandboxed, upgrade.getString("id"), "FAILED");
        Map<String, String> messages = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : objects.entrySet()) {
            Map<String, Object> line = report.getMap("items.find { it.objectId == '" + o.getValue() + "' }");
            @SuppressWarnings("unchecked")
            Map<String, String> error = (Map<String, String>) line.get("error");
            assertThat(error.get("code")).as(o.getKey()).isEqualTo("SANDBOX_VIOLATION");
            messages.put(o.getKey(), error.get("message"));
        }
        assertThat(messages.get("file")).contains("PermissionError").contains("Operation not permitted");
        assertThat(messages.get("listdir")).contains("PermissionError");
        assertThat(messages.get("subprocess")).contains("PermissionError");
        assertThat(messages.get("environ")).contains("environment access is not allowed in the plugin sandbox");
        assertThat(messages.get("getenv")).contains("environment access is not allowed in the plugin sandbox");
        assertThat(messages.get("hostclass")).contains("access has been denied");
        assertThat(messages.get("polyglot")).contains("polyglot access is not allowed");
        assertThat(messages.get("native")).contains("native code is not allowed");
        assertThat(messages.get("exit")).contains("SystemExit");
        assertThat(messages.get("run_bash")).contains("run_bash is not available during a data migration");
        for (String id : objects.values()) {
            assertThat(Api.getObject(sandboxed, id).getMap("data")).doesNotContainKey("port");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void afterEveryEscapeTheServiceStillUpgradesNormally() {
        JsonPath ok = Api.upgraded(plugin, v2("old['port'] = 7000"), false);
        assertThat(ok.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(Api.getObject(plugin, victim).getMap("data")).isEqualTo(Map.of("name", "victim", "port", 7000));
        // the plugin is now at build 2: reinstall state for any test that runs after this one
        plugin = null;
        victim = null;
    }
}
