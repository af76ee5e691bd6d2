package io.chorus.testkit.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds what a filter requires of one field. The Java driver renders {@code Filters.and(…)} as
 * {@code {$and: [{a: …}, {b: …}]}} and Spring Data as {@code {a: …, b: …}}; both are conjunctions,
 * so a condition on the field in any conjunct bounds the result and can pick the candidates.
 */
final class Conjuncts {

    private Conjuncts() {
    }

    /** The condition on {@code field} at the top level or in a nested {@code $and}, or {@code null}. */
    static @Nullable Object conditionOn(Document filter, String field) {
        if (filter.containsKey(field)) {
            return filter.get(field);
        }
        if (filter.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document conjunct) {
                    Object condition = conditionOn(conjunct, field);
                    if (condition != null) {
                        return condition;
                    }
                }
            }
        }
        return null;
    }
}
