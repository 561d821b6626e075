package io.timeflow.backup.persistence;

import io.timeflow.backup.domain.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class ScheduleRepository {

    private final EntityManager em;

    @Inject
    public ScheduleRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Schedule> find() {
        return Optional.ofNullable(em.find(Schedule.class, Schedule.ID));
    }

    public Optional<Schedule> lock() {
        return Optional.ofNullable(em.find(Schedule.class, Schedule.ID, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Schedule schedule) {
        em.persist(schedule);
    }
}
