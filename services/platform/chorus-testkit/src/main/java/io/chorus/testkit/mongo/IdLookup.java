package io.chorus.testkit.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the candidates of a filter that pins {@code _id} to one value through the {@code _id}
 * index, whatever else the filter says.
 *
 * <p>mongo-java-server uses an index only when the filter's fields are exactly the index's fields,
 * so the services' conditional writes — {@code {_id: key, version: {$lt: v}}} — scanned the whole
 * collection on every event (quadratic as read models grow; the H2 file backend deserialises each
 * document on the way). A real MongoDB serves the same filter from its {@code _id} index. The
 * full filter is still applied to the candidates, so results do not change, only the cost.
 */
final class IdLookup {

    private IdLookup() {
    }

    /**
     * The positions of the documents that may match {@code query}, or {@code null} when the query
     * does not pin {@code _id} to a single plain value alongside other conditions (top level or
     * {@code $and}); the server's own planning then applies.
     */
    static <P> @Nullable Iterable<P> candidates(List<Index<P>> indexes, Document query) {
        Object id = Conjuncts.conditionOn(query, "_id");
        if (!isPlainValue(id) || query.keySet().equals(Set.of("_id"))) {
            return null;
        }
        Document byId = new Document("_id", id);
        for (Index<P> index : indexes) {
            if (isIdIndex(index) && index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }

    /** Operator documents, embedded documents, arrays and patterns are left to the server. */
    private static boolean isPlainValue(@Nullable Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value) && !value.getClass().isArray();
    }

    private static boolean isIdIndex(Index<?> index) {
        List<IndexKey> keys = index.getKeys();
        return keys.size() == 1 && "_id".equals(keys.get(0).getKey());
    }
}
