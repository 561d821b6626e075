package io.timeflow.agent.sql;

/**
 * A row of {@code sys.master_files} for one database.
 *
 * @param logicalName  {@code name} (sysname): the logical file name
 * @param typeDesc     {@code type_desc} (nvarchar(60)): ROWS, LOG, FILESTREAM, FULLTEXT
 * @param physicalName {@code physical_name} (nvarchar(260)): the operating-system file name
 * @param stateDesc    {@code state_desc} (nvarchar(60)): ONLINE, RESTORING, ...
 */
public record FileRow(String logicalName, String typeDesc, String physicalName, String stateDesc) {
}
