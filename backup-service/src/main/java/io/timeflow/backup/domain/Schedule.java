package io.timeflow.backup.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The backup schedule (one per suite): cron, time zone, retention, on or off. */
@Entity
@Table(name = "backup_schedule")
public class Schedule {

    public static final short ID = 1;

    @Id
    private short id;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private String cron;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(nullable = false)
    private int keep;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected Schedule() {
    }

    public Schedule(boolean enabled, String cron, String timeZone, int keep, String by, Instant at) {
        this.id = ID;
        set(enabled, cron, timeZone, keep, by, at);
    }

    public void set(boolean enabled, String cron, String timeZone, int keep, String by, Instant at) {
        this.enabled = enabled;
        this.cron = cron;
        this.timeZone = timeZone;
        this.keep = keep;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public boolean enabled() {
        return enabled;
    }

    public String cron() {
        return cron;
    }

    public String timeZone() {
        return timeZone;
    }

    public int keep() {
        return keep;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
