package io.timeflow.platform.db;

import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Which constraint of the database refused a write, read from the exception Hibernate raises for it (the name the
 * migration gave the constraint or unique index), so that a race lost on a unique index becomes the answer that
 * names the conflict rather than a failed request.
 */
public final class ConstraintViolated {

    private ConstraintViolated() {
    }

    /** The name of the constraint that refused the write, when one did (anywhere in the chain of causes). */
    public static Optional<String> nameOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException c && c.getConstraintName() != null) {
                return Optional.of(c.getConstraintName());
            }
        }
        return Optional.empty();
    }

    /** Whether the write was refused by the constraint {@code name}. */
    public static boolean by(Throwable e, String name) {
        return nameOf(e).filter(name::equals).isPresent();
    }
}
