package io.timeflow.agent.sql;

/** SQL Server (or the stand-in directory) could not answer. */
public class SqlServerException extends Exception {

    public SqlServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public SqlServerException(String message) {
        super(message);
    }
}
