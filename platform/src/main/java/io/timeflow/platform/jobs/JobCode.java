package io.timeflow.platform.jobs;

/**
 * A code a job's result carries: the code of its error, of one of its warnings, or of a line of its report. A
 * program decides on it, as on a problem's code; unlike a problem it is no answer to a request, but what a job
 * (or a provisioning, or a report) that ran says of itself, in its body and its events. Each service lists its own
 * in an enum; the service's page under {@code docs/problems/} lists them after its problem codes.
 */
public interface JobCode {

    /** The code as it appears in a body or an event (the enum constant's name). */
    String name();

    /** For a caller: when the code is given, and what to do about it. */
    String meaning();
}
