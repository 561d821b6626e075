package io.timeflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The switch tests put around a worker's passes: hold waits for the pass in flight, then no pass runs until let go. */
class PassGateTest {

    @Test
    void holdReturnsOnlyOnceThePassInFlightHasEndedAndNoPassRunsUntilReleased() throws Exception {
        PassGate gate = new PassGate();
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.pass(-1, () -> {
                    inPass.countDown();
                    finish.await();
                    return passes.incrementAndGet();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inPass.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> held = CompletableFuture.runAsync(gate::hold);
        Thread.sleep(200);
        assertFalse(held.isDone(), "hold waits for the pass in flight");
        finish.countDown();
        held.get(10, TimeUnit.SECONDS);
        assertEquals(1, first.get(10, TimeUnit.SECONDS));

        assertEquals(-1, gate.pass(-1, passes::incrementAndGet), "held: a pass answers idle and does nothing");
        assertEquals(1, passes.get());

        gate.release();
        assertEquals(2, gate.pass(-1, passes::incrementAndGet));
    }
}
