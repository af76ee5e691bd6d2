package io.chorus.testkit.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A non-unique secondary index for the wire server, kept in memory and rebuilt from the documents
 * when a collection opens. mongo-java-server accepts {@code createIndex} for non-unique indexes but
 * ignores them, so every {@code {followerId: x}} or {@code {authorId: {$in: […]}}} read scanned the
 * whole collection, serialised behind the collection's lock; MongoDB answers them from the index.
 *
 * <p>It indexes the index's first field when that field holds strings or arrays of strings
 * (multikey), and answers filters that pin that field (at the top level or in an {@code $and}) with
 * a string, {@code $eq}, {@code $in} or {@code $all}: it yields candidates, and the server still applies the whole filter and sort to
 * them, so results are exactly those of a scan. Once any document holds another kind of value in
 * the field the index stops answering (scans resume) rather than risk MongoDB's cross-type
 * comparison rules.
 */
final class EqualityIndex<P> extends Index<P> {

    private final String field;

    private final Map<Object, P> positionById = new HashMap<>();

    private final Map<P, List<String>> keysByPosition = new HashMap<>();

    private final Map<String, Set<P>> positionsByKey = new HashMap<>();

    private boolean answering = true;

    private EqualityIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
    }

    /** An index on the first of {@code keys}, unless that is a path into a subdocument. */
    static <P> Optional<Index<P>> onFirstKey(String name, List<IndexKey> keys, boolean sparse) {
        if (keys.isEmpty() || keys.get(0).getKey().contains(".")) {
            return Optional.empty();
        }
        return Optional.of(new EqualityIndex<>(name, keys, sparse));
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return answering && requestedKeys(Conjuncts.conditionOn(query, field)) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Object condition = Conjuncts.conditionOn(query, field);
        List<String> requested = requestedKeys(condition);
        if (requested == null) {
            throw new IllegalArgumentException("Cannot answer " + query + " from index " + getName());
        }
        // $all needs every value, so the documents holding the first one are a superset.
        boolean all = condition instanceof Document operator && operator.containsKey("$all");
        Set<P> candidates = new LinkedHashSet<>();
        for (String key : all ? requested.subList(0, 1) : requested) {
            candidates.addAll(positionsByKey.getOrDefault(key, Set.of()));
        }
        return new ArrayList<>(candidates);
    }

    /** The string keys a filter value asks for, or {@code null} when this index cannot answer it. */
    private static @Nullable List<String> requestedKeys(@Nullable Object value) {
        if (value instanceof String key) {
            return List.of(key);
        }
        if (!(value instanceof Document operator) || operator.size() != 1) {
            return null;
        }
        Object operand = operator.values().iterator().next();
        return switch (operator.keySet().iterator().next()) {
            case "$eq" -> (operand instanceof String key) ? List.of(key) : null;
            case "$in", "$all" -> (operand instanceof Collection<?> values && !values.isEmpty()
                    && values.stream().allMatch(String.class::isInstance))
                            ? values.stream().map(String.class::cast).toList() : null;
            default -> null;
        };
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        List<String> keys = keysOf(document.get(field));
        positionById.put(document.get("_id"), position);
        keysByPosition.put(position, keys);
        for (String key : keys) {
            positionsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(position);
        }
    }

    @Override
    public synchronized @Nullable P remove(Document document) {
        P position = positionById.remove(document.get("_id"));
        if (position != null) {
            unlink(position);
        }
        return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
            MongoCollection<P> collection) {
        unlink(position);
        positionById.remove(oldDocument.get("_id"));
        add(newDocument, position, collection);
    }

    private void unlink(P position) {
        List<String> keys = keysByPosition.remove(position);
        for (String key : (keys == null) ? List.<String>of() : keys) {
            Set<P> positions = positionsByKey.get(key);
            positions.remove(position);
            if (positions.isEmpty()) {
                positionsByKey.remove(key);
            }
        }
    }

    /** The keys a document is filed under; any value but strings and string arrays stops the index answering. */
    private List<String> keysOf(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String key) {
            return List.of(key);
        }
        if (value instanceof Collection<?> values && values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).distinct().toList();
        }
        answering = false;
        return List.of();
    }

    @Override
    public @Nullable P getPosition(Document document) {
        return null; // not unique: the _id index locates single documents
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    }

    @Override
    public synchronized long getCount() {
        return keysByPosition.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        positionById.clear();
        keysByPosition.clear();
        positionsByKey.clear();
        answering = true;
    }
}
