package io.timeflow.agent;

import io.timeflow.agent.sql.JdbcSqlServer;
import io.timeflow.agent.sql.SqlServer;
import io.timeflow.agent.sql.StandInSqlServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code java -jar timeflow-agent.jar [run] [flags]} runs the agent until it is stopped (SIGTERM or
 * Ctrl-C); {@code java -jar timeflow-agent.jar standin ...} changes a stand-in host directory the way a
 * restore or SSMS would change a real SQL Server (for local runs and hooks written for them).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s [%3$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        Logger.getLogger("com.microsoft.sqlserver").setLevel(Level.WARNING);
        Logger.getLogger("jdk.internal.httpclient").setLevel(Level.WARNING);

        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "run" : rest.remove(0);
        try {
            switch (command) {
                case "run" -> run(rest);
                case "standin" -> System.exit(StandInCommand.run(rest));
                case "version" -> System.out.println("timeflow-agent " + version());
                case "help", "-h", "--help" -> System.out.print(USAGE);
                default -> {
                    System.err.println("timeflow-agent: unknown command '" + command + "'\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (AgentConfig.Invalid e) {
            System.err.println("timeflow-agent: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(List<String> args) throws Exception {
        AgentConfig config = AgentConfig.from(args, System.getenv());
        SqlServer sql;
        if (config.standInMode()) {
            StandInSqlServer standIn = new StandInSqlServer(config.standIn());
            standIn.init(config.timeZone());
            sql = standIn;
        } else {
            Map<String, String> urls = new HashMap<>(config.instances());
            sql = new JdbcSqlServer(urls, config.sqlUser(), config.sqlPassword());
        }
        Agent agent = new Agent(config, sql);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-stop"));
        agent.start();
        stopped.await();
    }

    /** The agent's version, from its jar's manifest. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** How a hook calls this agent again (for the standin commands): java and the jar, quoted for a shell. */
    static String selfCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            jar = "timeflow-agent.jar";
        }
        return quote(java) + (jar.endsWith(".jar") ? " -jar " + quote(jar) : " -cp " + quote(jar) + " "
                + Main.class.getName());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static final String USAGE = """
            usage: java -jar timeflow-agent.jar [run] [--flag value ...]
                   java -jar timeflow-agent.jar standin restore|state ... (a stand-in host directory)
                   java -jar timeflow-agent.jar version

            Settings (flag, or environment variable): see agent/README.md. The essential ones:
              --staging-url URL        TIMEFLOW_STAGING_URL       staging-service
              --snapshot-url URL       TIMEFLOW_SNAPSHOT_URL      snapshot-service
                                       TIMEFLOW_AGENT_API_KEY     an API key of the role agent (or --api-key-file)
              --environment NAME       TIMEFLOW_AGENT_ENVIRONMENT the staging environment this host is
              --connector-path PATH    TIMEFLOW_AGENT_CONNECTOR_PATH  where dSource mounts live
              --instance NAME=JDBC-URL TIMEFLOW_AGENT_INSTANCES   SQL Server instances (login: TIMEFLOW_AGENT_SQL_USER,
                                                                  TIMEFLOW_AGENT_SQL_PASSWORD)
              --stand-in DIR           TIMEFLOW_AGENT_STAND_IN    a stand-in host directory instead of SQL Server
            """;
}
