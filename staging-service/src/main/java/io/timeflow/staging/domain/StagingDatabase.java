package io.timeflow.staging.domain;

import io.timeflow.events.staging.DatabaseState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The staging database of a dSource as the staging-host agent last observed it. */
@Entity
@Table(name = "staging_database")
public class StagingDatabase {

    @Id
    @Column(name = "dsource_id")
    private UUID dsourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DatabaseState state;

    @Column(name = "data_mounted", nullable = false)
    private boolean dataMounted;

    @Column(nullable = false, columnDefinition = "text[]")
    private String[] files;

    @Column(name = "observed_at", nullable = false)
    private Instant observedAt;

    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    protected StagingDatabase() {
    }

    public StagingDatabase(UUID dsourceId) {
        this.dsourceId = dsourceId;
    }

    void observe(DatabaseState state, boolean dataMounted, List<String> files, Instant observedAt, Instant now) {
        this.state = state;
        this.dataMounted = dataMounted;
        this.files = files.toArray(String[]::new);
        this.observedAt = observedAt;
        this.reportedAt = now;
    }

    public UUID dsourceId() {
        return dsourceId;
    }

    public DatabaseState state() {
        return state;
    }

    public boolean dataMounted() {
        return dataMounted;
    }

    public List<String> files() {
        return files == null ? List.of() : List.of(files);
    }

    public Instant observedAt() {
        return observedAt;
    }

    public Instant reportedAt() {
        return reportedAt;
    }
}
