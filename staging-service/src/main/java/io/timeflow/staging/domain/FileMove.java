package io.timeflow.staging.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A MOVE option of a restore: where the logical file of the backup was restored to. */
@Embeddable
public class FileMove {

    @Column(name = "logical_name", nullable = false)
    private String logicalName;

    @Column(name = "physical_name", nullable = false)
    private String physicalName;

    protected FileMove() {
    }

    public FileMove(String logicalName, String physicalName) {
        this.logicalName = logicalName;
        this.physicalName = physicalName;
    }

    public String logicalName() {
        return logicalName;
    }

    public String physicalName() {
        return physicalName;
    }
}
