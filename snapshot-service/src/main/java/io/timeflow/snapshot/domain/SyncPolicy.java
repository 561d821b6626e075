package io.timeflow.snapshot.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A SnapSync policy: when scheduled SnapSyncs run (a cron in a time zone) and how long snapshots are kept. */
@Entity
@Table(name = "sync_policy")
public class SyncPolicy {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String cron;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "keep_last")
    private Integer keepLast;

    @Column(name = "keep_days")
    private Integer keepDays;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected SyncPolicy() {
    }

    public SyncPolicy(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public void define(String name, String cron, String timeZone, Integer keepLast, Integer keepDays, Instant now) {
        this.name = name;
        this.cron = cron;
        this.timeZone = timeZone;
        this.keepLast = keepLast;
        this.keepDays = keepDays;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String cron() {
        return cron;
    }

    public String timeZone() {
        return timeZone;
    }

    public Integer keepLast() {
        return keepLast;
    }

    public Integer keepDays() {
        return keepDays;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }
}
