package io.timeflow.platform.crypto;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a service implements for each place it keeps sealed values (a column of sealed text, the
 * sealed fields inside a JSON document): moves values sealed with retiring keys to the active key.
 * The platform's {@link ResealWorker} calls it while a rotation is under way; a value it misses is
 * still found by the worker's scan of every text and JSON column, which keeps the key from being
 * retired.
 */
public interface Resealer {

    /** What it re-seals, for logs (e.g. "dSource hooks"). */
    String name();

    /**
     * Re-seals with the active key at most {@code limit} values sealed with one of {@code keyIds}, in
     * one transaction of its own (rows taken with {@code FOR UPDATE SKIP LOCKED}, so replicas share the
     * work); returns how many rows it changed (0 when none is left).
     */
    int reseal(Collection<String> keyIds, int limit);

    /** {@code <column>::text like any of the keys' markers}, for {@link #likeParameters(Collection)}'s values. */
    static String likeAny(String column, Collection<String> keyIds) {
        return keyIds.stream().map(k -> column + "::text like ?").collect(Collectors.joining(" or ", "(", ")"));
    }

    /** The patterns {@link #likeAny} compares with, one per key: {@code %tfenc:v1:<id>:%}. */
    static List<String> likeParameters(Collection<String> keyIds) {
        return keyIds.stream().map(k -> "%" + SecretCipher.PREFIX + k + ":%").toList();
    }
}
