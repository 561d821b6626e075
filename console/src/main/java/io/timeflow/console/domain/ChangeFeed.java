package io.timeflow.console.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The changes read from the topics, handed to every open browser stream of this console replica. A
 * listener must not block: it is called on the topic reader's thread.
 */
@ApplicationScoped
public class ChangeFeed {

    private final Set<Consumer<ChangeNotice>> listeners = new CopyOnWriteArraySet<>();
    private final AtomicBoolean reading = new AtomicBoolean();

    @Inject
    public ChangeFeed(MeterRegistry registry) {
        Gauge.builder("timeflow_console_streams", listeners, Set::size)
                .description("Change streams open to browsers on this console replica").register(registry);
        Gauge.builder("timeflow_console_topics_read", reading, r -> r.get() ? 1 : 0)
                .description("1 while the console reads the suite's topics, 0 while it cannot reach the broker")
                .register(registry);
    }

    /** Adds a listener; the returned handle removes it. */
    public AutoCloseable listen(Consumer<ChangeNotice> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int listeners() {
        return listeners.size();
    }

    public void publish(ChangeNotice notice) {
        for (Consumer<ChangeNotice> listener : listeners) {
            listener.accept(notice);
        }
    }

    /** Whether the topic reader is connected to the broker (browsers are told, so the console can say so). */
    public boolean reading() {
        return reading.get();
    }

    public void reading(boolean now) {
        reading.set(now);
    }
}
