package io.timeflow.platform.outbox;

import io.timeflow.platform.jobs.WakeSignal;
import jakarta.enterprise.context.ApplicationScoped;

/** Lets a committed transaction wake the relay at once instead of waiting for its next poll. */
@ApplicationScoped
public class OutboxSignal extends WakeSignal {
}
