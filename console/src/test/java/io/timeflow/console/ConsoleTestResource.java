package io.timeflow.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.timeflow.events.Topic;
import io.timeflow.testing.Infra;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The console service under test: this JVM's real Kafka broker (the four topics created as the services
 * create them) and {@link StandInServices} for the four APIs; the change stream's timers shortened.
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            String bootstrap = Infra.kafkaBootstrapServers();
            createTopics(bootstrap);
            Map<String, String> urls = StandInServices.start();
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", bootstrap);
            urls.forEach((service, url) -> config.put("timeflow.console.upstream." + service, url));
            config.put("timeflow.console.events.heartbeat", "1S");
            config.put("timeflow.console.events.recheck", "1S");
            config.put("timeflow.console.events.partition-refresh", "1S");
            config.put("timeflow.console.events.max-streams", "3");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the console's test resources: " + e.getMessage(), e);
        }
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                if (!existing.contains(topic.topicName())) {
                    missing.add(new NewTopic(topic.topicName(), 2, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void stop() {
        // the broker lives until the JVM exits
    }
}
