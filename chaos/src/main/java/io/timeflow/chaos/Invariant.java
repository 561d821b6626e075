package io.timeflow.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One promise of the product, decided from a run's history and the final state. */
public interface Invariant {

    /** What it promises, as the result line names it. */
    String name();

    Verdict check(History history, FinalState state);

    /** A breach of the promise, with the objects it concerns (for the history slice that shows it). */
    record Violation(String what, Set<String> keys) {

        static Violation of(String what, String... keys) {
            Set<String> k = new LinkedHashSet<>();
            for (String key : keys) {
                if (key != null) {
                    k.add(key);
                }
            }
            return new Violation(what, k);
        }
    }

    /**
     * What the check found: how many things it looked at ({@code checked}, e.g. restores or fires), and
     * each violation.
     */
    record Verdict(String invariant, long checked, List<Violation> violations) {

        public boolean holds() {
            return violations.isEmpty();
        }
    }

    /** Collects violations as an invariant finds them. */
    final class Findings {
        private final List<Violation> found = new ArrayList<>();
        private long checked;

        void checked(long n) {
            checked += n;
        }

        void add(String what, String... keys) {
            found.add(Violation.of(what, keys));
        }

        void add(String what, Collection<String> keys) {
            found.add(new Violation(what, new LinkedHashSet<>(keys)));
        }

        Verdict verdict(String name) {
            return new Verdict(name, checked, List.copyOf(found));
        }
    }
}
