package io.timeflow.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Unit test (no database: the failures are the exceptions the PostgreSQL driver and Hibernate throw,
 * built by hand, and the pauses go to a clock the test moves).
 */
class DatabaseUnreachableTest {

    private static RuntimeException refused() {
        return new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to localhost:5432 refused.", "08001"));
    }

    @Test
    void connectionFailuresAndServerShutdownAreOutagesButRefusalsAreNot() {
        assertThat(DatabaseUnreachable.isCause(refused())).isTrue();
        assertThat(DatabaseUnreachable.isCause(new IllegalStateException("wrapped",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseUnreachable.isCause(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnreachable.isCause(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "uq"))).isFalse();
        assertThat(DatabaseUnreachable.isCause(new SQLException("canceling statement due to lock timeout", "55P03")))
                .isFalse();
        assertThat(DatabaseUnreachable.isCause(new IllegalArgumentException("no"))).isFalse();
    }

    @Test
    void anOutageIsWaitedOutAndTheWorkRunsAgain() {
        MovingClock clock = new MovingClock();
        AtomicInteger attempts = new AtomicInteger();
        String result = DatabaseUnreachable.retry("a fire", Duration.ofMinutes(2), clock, clock::advance, () -> {
            if (attempts.incrementAndGet() < 4) {
                throw refused();
            }
            return "made";
        });
        assertThat(result).isEqualTo("made");
        assertThat(attempts).hasValue(4);
        assertThat(clock.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aRefusalIsNotTriedAgain() {
        MovingClock clock = new MovingClock();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> DatabaseUnreachable.retry("a fire", Duration.ofMinutes(2), clock, clock::advance,
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("the archive key is missing");
                })).hasMessage("the archive key is missing");
        assertThat(attempts).hasValue(1);
        assertThat(clock.pauses).isEmpty();
    }

    @Test
    void anOutageLongerThanThePatienceEndsWithItsFailure() {
        MovingClock clock = new MovingClock();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> DatabaseUnreachable.retry("a fire", Duration.ofSeconds(30), clock, clock::advance,
                () -> {
                    attempts.incrementAndGet();
                    throw refused();
                })).isInstanceOf(JDBCConnectionException.class);
        // 1 + 2 + 4 + 8 + 8 = 23 s of pauses; the next 8 s would pass the 30 s
        assertThat(clock.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8));
        assertThat(attempts).hasValue(6);
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T00:04:15Z");
        final List<Duration> pauses = new ArrayList<>();

        void advance(Duration d) {
            pauses.add(d);
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
