package io.timeflow.platform.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a service's problem-code catalogue: the stable code a client programs against, the HTTP
 * status it always comes with, its title, and what it means to the caller (when it happens, what to do).
 *
 * <p>Each service keeps its codes in one enum implementing this interface ({@link CommonProblem} holds the
 * codes every service can answer); a {@link ProblemException} can only be made from an entry, so a code
 * that is not in a catalogue cannot reach a client. The OpenAPI document lists the catalogue under
 * {@code x-problem-codes} of the {@code Problem} schema and {@code docs/problems/} renders it for people.
 */
public interface ProblemCode {

    /**
     * What a code stands for: the status it always comes with, its title, and when a client gets it and what it can
     * do about it (one or two sentences).
     */
    record Entry(int status, String title, String meaning) {

        /** An entry whose title is the one of its status class ({@link #titleOf}). */
        public Entry(int status, String meaning) {
            this(status, titleOf(status), meaning);
        }
    }

    /** The code, in upper snake case: the enum constant's name. */
    String name();

    Entry entry();

    default int status() {
        return entry().status();
    }

    default String title() {
        return entry().title();
    }

    default String meaning() {
        return entry().meaning();
    }

    default String code() {
        return name();
    }

    /** {@code urn:timeflow:problem:<code in kebab case>}. */
    default String type() {
        return Problem.typeOf(name());
    }

    /** The title of a code that does not name its own: the one of its status class. */
    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Request is not valid";
            case 404 -> "Resource not found";
            case 409 -> "Conflict with the current state";
            case 422 -> "Refused by a rule";
            default -> throw new IllegalArgumentException("status " + status + " has no default title; name one");
        };
    }

    /** A service's whole catalogue: the common codes first, then its own, each group in declaration order. */
    @SafeVarargs
    static List<ProblemCode> catalogue(ProblemCode[]... groups) {
        List<ProblemCode> all = new ArrayList<>(List.of(CommonProblem.values()));
        for (ProblemCode[] group : groups) {
            all.addAll(List.of(group));
        }
        return List.copyOf(all);
    }
}
