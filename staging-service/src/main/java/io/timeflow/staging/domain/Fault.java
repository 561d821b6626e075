package io.timeflow.staging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A fault on a dSource, in DCT's model: a severity, a status, when it was first and last seen. An
 * open fault is ACTIVE, or IGNORED while its condition lasts; there is one open fault per condition
 * (code) of a dSource.
 */
@Entity
@Table(name = "fault")
public class Fault {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FaultSeverity")
    public enum Severity { WARNING, CRITICAL }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FaultStatus")
    public enum Status { ACTIVE, RESOLVED, IGNORED }

    @Id
    private UUID id;

    @Column(name = "dsource_id", nullable = false)
    private UUID dsourceId;

    @Column(nullable = false)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private boolean open;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String message;

    @Column(name = "first_seen", nullable = false)
    private Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Version
    private long version;

    protected Fault() {
    }

    public Fault(UUID id, UUID dsourceId, String code, Severity severity, String title, String message, Instant now) {
        this.id = id;
        this.dsourceId = dsourceId;
        this.code = code;
        this.severity = severity;
        this.status = Status.ACTIVE;
        this.open = true;
        this.title = title;
        this.message = message;
        this.firstSeen = now;
        this.lastSeen = now;
    }

    void seenAgain(String message, Instant now) {
        this.message = message;
        this.lastSeen = now;
    }

    void resolve(String by, Instant now) {
        this.status = Status.RESOLVED;
        this.open = false;
        this.resolvedAt = now;
        this.resolvedBy = by;
    }

    void ignore(String by, Instant now) {
        this.status = Status.IGNORED;
        this.resolvedAt = now;
        this.resolvedBy = by;
    }

    /** The condition of an ignored fault ended: it stops being open, so a recurrence raises a new fault. */
    void conditionEnded() {
        this.open = false;
    }

    public UUID id() {
        return id;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public String code() {
        return code;
    }

    public Severity severity() {
        return severity;
    }

    public Status status() {
        return status;
    }

    public boolean open() {
        return open;
    }

    public String title() {
        return title;
    }

    public String message() {
        return message;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }
}
