package io.chorus.search.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.chorus.search.domain.Candidate;
import io.chorus.search.domain.Changes.ArtistPut;
import io.chorus.search.domain.Changes.Delete;
import io.chorus.search.domain.Changes.Order;
import io.chorus.search.domain.Changes.PostDelete;
import io.chorus.search.domain.Changes.PostPut;
import io.chorus.search.domain.Changes.TrackPut;
import io.chorus.search.domain.Hits.ArtistHit;
import io.chorus.search.domain.Hits.PostHit;
import io.chorus.search.domain.Hits.TrackHit;
import io.chorus.search.domain.IndexedText;
import io.chorus.search.domain.SearchType;
import io.chorus.search.domain.Text;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The index in MongoDB: one collection per kind ({@code posts}, {@code artists}, {@code tracks}),
 * one document per entity keyed by its id.
 *
 * <p>Each document keeps its distinct normalised words in {@code terms} (multikey index
 * {@code {terms: 1, createdAt: -1}}), their counts in {@code tf}, the word count in {@code length}
 * and the normalised text in {@code norm}; artists and tracks also keep the edge n-grams of their
 * words in {@code prefixes} (multikey index {@code {prefixes: 1, createdAt: -1}}). Only plain
 * finds with equality / {@code $in} / {@code $and} on those fields, sort and limit are used — no
 * {@code $text}, no regex, no aggregation — so the same queries run on MongoDB and on the test
 * wire server.
 *
 * <p>Writes are conditional: an update matches the document only while the stored change is
 * older (posts: {@code version}; artists and tracks: {@code (changedAt, eventId)}), and a first
 * write inserts only if the document is absent. A stale or repeated change is dropped, so
 * applying an event twice or out of order never goes back in time. Deletes leave a tombstone
 * (no terms, {@code deleted: true}) that keeps the version, so a late older change cannot bring a
 * deleted entity back.
 */
public final class SearchStore {

	private static final String ID = "_id";

	private final ReactiveMongoTemplate mongo;

	private final int prefixLength;

	public SearchStore(ReactiveMongoTemplate mongo, int prefixLength) {
		this.mongo = mongo;
		this.prefixLength = prefixLength;
	}

	/** Creates the indexes (idempotent); called once at start-up. */
	public Mono<Void> createIndexes() {
		return Flux.fromArray(SearchType.values()).concatMap((type) -> {
			List<Bson> keys = new ArrayList<>();
			// _id last: the finds sort on (createdAt desc, _id asc), so every term's index range is
			// already in result order and MongoDB merges the ranges (SORT_MERGE) instead of sorting
			keys.add(Indexes.compoundIndex(Indexes.ascending("terms"), Indexes.descending("createdAt"),
					Indexes.ascending(ID)));
			if (type.autocomplete()) {
				keys.add(Indexes.compoundIndex(Indexes.ascending("prefixes"), Indexes.descending("createdAt"),
						Indexes.ascending(ID)));
			}
			if (type == SearchType.TRACKS) {
				keys.add(Indexes.ascending("artistId"));
			}
			return collection(type)
				.flatMapMany((c) -> Flux.fromIterable(keys).concatMap((key) -> c.createIndex(key, new IndexOptions())));
		}).then();
	}

	// ---------------------------------------------------------------- writes

	public Mono<Boolean> put(PostPut post) {
		IndexedText text = IndexedText.of(post.text());
		Document set = indexed(text, null)
			.append("authorId", post.authorId())
			.append("text", post.text())
			.append("trackId", post.trackId())
			.append("imageIds", post.imageIds())
			.append("version", post.version())
			.append("deleted", false);
		Document update = new Document("$set", set);
		if (post.createdAt() != null) {
			set.append("createdAt", date(post.createdAt()));
		}
		else {
			set.append("updatedAt", date(post.at()));
			update.append("$setOnInsert", new Document("createdAt", date(post.at())));
		}
		return write(SearchType.POSTS, post.postId(), newerVersion(post.version()), update);
	}

	public Mono<Boolean> delete(PostDelete delete) {
		Document update = tombstone(delete.at()).append("$setOnInsert", new Document("createdAt", date(delete.at())));
		update.get("$set", Document.class).append("version", delete.version());
		update.append("$unset", new Document("text", "").append("authorId", "").append("trackId", "")
			.append("imageIds", "").append("updatedAt", ""));
		return write(SearchType.POSTS, delete.postId(), newerVersion(delete.version()), update);
	}

	public Mono<Boolean> put(ArtistPut artist) {
		IndexedText text = IndexedText.of(artist.name());
		Document set = indexed(text, text.terms()).append("name", artist.name())
			.append("bio", artist.bio())
			.append("imageId", artist.imageId())
			.append("deleted", false);
		if (artist.ownerId() != null) {
			set.append("ownerId", artist.ownerId());
		}
		return write(SearchType.ARTISTS, artist.artistId(), newerChange(artist.order()),
				ordered(set, artist.order(), artist.createdAt()));
	}

	public Mono<Boolean> put(TrackPut track) {
		Document set = trackText(track.title(), track.artistName()).append("title", track.title())
			.append("artistId", track.artistId())
			.append("artistName", track.artistName())
			.append("durationMs", track.durationMs())
			.append("coverImageId", track.coverImageId())
			.append("deleted", false);
		return write(SearchType.TRACKS, track.trackId(), newerChange(track.order()),
				ordered(set, track.order(), track.createdAt()));
	}

	public Mono<Boolean> delete(SearchType type, Delete delete) {
		Document update = tombstone(delete.order().at());
		update.get("$set", Document.class)
			.append("changedAt", date(delete.order().at()))
			.append("eventId", delete.order().eventId());
		update.append("$setOnInsert", new Document("createdAt", date(delete.order().at())));
		return write(type, delete.id(), newerChange(delete.order()), update);
	}

	/** Whether the stored artist was last changed by event {@code eventId}. */
	public Mono<Boolean> isLatestArtistChange(String artistId, String eventId) {
		return collection(SearchType.ARTISTS)
			.flatMap((c) -> Mono.from(c.find(Filters.eq(ID, artistId)).projection(Projections.include("eventId")).first()))
			.map((doc) -> eventId.equals(doc.getString("eventId")))
			.defaultIfEmpty(false);
	}

	/**
	 * Re-indexes the tracks of an artist under its new name (track events carry the artist name,
	 * but a rename does not re-emit them). Each track is only touched while it still has the title
	 * and artist name it was read with, so a concurrent track change wins.
	 */
	public Mono<Long> renameArtistInTracks(String artistId, String name) {
		return collection(SearchType.TRACKS).flatMapMany((tracks) -> Flux
			.from(tracks.find(Filters.and(Filters.eq("artistId", artistId), Filters.eq("deleted", false)))
				.projection(Projections.include("title", "artistName")))
			.filter((doc) -> !name.equals(doc.getString("artistName")))
			.concatMap((doc) -> Mono.from(tracks.updateOne(
					Filters.and(Filters.eq(ID, doc.get(ID)), Filters.eq("title", doc.getString("title")),
							Filters.eq("artistName", doc.getString("artistName"))),
					new Document("$set", trackText(doc.getString("title"), name).append("artistName", name))))))
			.map((result) -> result.getModifiedCount())
			.reduce(0L, Long::sum);
	}

	private Document trackText(String title, String artistName) {
		IndexedText text = IndexedText.of(title + " " + artistName);
		return indexed(text, text.terms());
	}

	private Document indexed(IndexedText text, @Nullable List<String> prefixTerms) {
		Document set = new Document("terms", text.terms()).append("tf", new Document(new LinkedHashMap<>(text.tf())))
			.append("length", text.length())
			.append("norm", text.normalized());
		if (prefixTerms != null) {
			set.append("prefixes", Text.prefixes(prefixTerms, this.prefixLength));
		}
		return set;
	}

	private static Document tombstone(Instant at) {
		return new Document("$set", new Document("deleted", true).append("deletedAt", date(at))
			.append("terms", List.of())
			.append("prefixes", List.of())
			.append("tf", new Document())
			.append("length", 0)
			.append("norm", ""));
	}

	private static Document ordered(Document set, Order order, @Nullable Instant createdAt) {
		set.append("changedAt", date(order.at())).append("eventId", order.eventId());
		Document update = new Document("$set", set);
		if (createdAt != null) {
			set.append("createdAt", date(createdAt));
		}
		else {
			update.append("$setOnInsert", new Document("createdAt", date(order.at())));
		}
		return update;
	}

	private static Bson newerVersion(long version) {
		return Filters.or(Filters.exists("version", false), Filters.lt("version", version));
	}

	private static Bson newerChange(Order order) {
		Date at = date(order.at());
		return Filters.or(Filters.exists("changedAt", false), Filters.lt("changedAt", at),
				Filters.and(Filters.eq("changedAt", at), Filters.lt("eventId", order.eventId())));
	}

	/**
	 * {@code true} when applied, {@code false} when the stored document is as new or newer. First a
	 * conditional update of an existing document; if none matched, an insert-if-absent
	 * ({@code $setOnInsert} upsert, which never overwrites); if that found a document after all (a
	 * concurrent first write, possible only while partitions move between replicas), the
	 * conditional update once more. No step relies on a duplicate-key error.
	 */
	private Mono<Boolean> write(SearchType type, String id, Bson newer, Document update) {
		Bson conditional = Filters.and(Filters.eq(ID, id), newer);
		Document insert = new Document();
		insert.putAll(update.get("$setOnInsert", new Document()));
		insert.putAll(update.get("$set", new Document()));
		Document insertOnly = new Document("$setOnInsert", insert);
		return collection(type).flatMap((c) -> Mono.from(c.updateOne(conditional, update))
			.flatMap((updated) -> (updated.getMatchedCount() > 0) ? Mono.just(true)
					: Mono.from(c.updateOne(Filters.eq(ID, id), insertOnly, new UpdateOptions().upsert(true)))
						.flatMap((inserted) -> (inserted.getUpsertedId() != null) ? Mono.just(true)
								: Mono.from(c.updateOne(conditional, update)).map((again) -> again.getMatchedCount() > 0))));
	}

	// ---------------------------------------------------------------- reads

	/**
	 * Documents containing any of {@code terms}, at most {@code cap}, newest first; with several
	 * terms also (merged, first) the newest {@code cap} containing all of them, so documents that
	 * match the whole query are not crowded out by newer documents matching one word.
	 */
	public Flux<Candidate> candidates(SearchType type, List<String> terms, int cap) {
		Bson any = Filters.in("terms", terms);
		Flux<Document> found = (terms.size() > 1)
				? Flux.concat(find(type, Filters.and(terms.stream().map((t) -> Filters.eq("terms", t)).toList()), cap),
						find(type, any, cap))
				: find(type, any, cap);
		return found.distinct((doc) -> doc.get(ID)).map((doc) -> candidate(type, doc));
	}

	/** Documents having every one of {@code prefixes} among their word prefixes, newest first. */
	public Flux<Candidate> prefixCandidates(SearchType type, List<String> prefixes, int cap) {
		Bson filter = Filters.and(prefixes.stream()
			.map((p) -> Filters.eq("prefixes", p.length() > this.prefixLength ? p.substring(0, this.prefixLength) : p))
			.toList());
		return find(type, filter, cap).map((doc) -> candidate(type, doc));
	}

	private Flux<Document> find(SearchType type, Bson filter, int cap) {
		return collection(type).flatMapMany((c) -> c.find(filter)
			.projection(Projections.exclude("terms", "prefixes"))
			.sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending(ID)))
			.limit(cap));
	}

	private Mono<MongoCollection<Document>> collection(SearchType type) {
		return this.mongo.getCollection(type.value());
	}

	private static Candidate candidate(SearchType type, Document doc) {
		String id = doc.get(ID).toString();
		Instant createdAt = instant(doc, "createdAt");
		Map<String, Integer> tf = new LinkedHashMap<>();
		Document tfDoc = doc.get("tf", Document.class);
		if (tfDoc != null) {
			tfDoc.forEach((term, count) -> tf.put(term, ((Number) count).intValue()));
		}
		int length = doc.getInteger("length", 0);
		String norm = doc.getString("norm") != null ? doc.getString("norm") : "";
		return switch (type) {
			case POSTS -> new Candidate(id, createdAt, tf, length, norm, doc.getString("text"),
					new PostHit(id, doc.getString("authorId"), doc.getString("text"), doc.getString("trackId"),
							doc.getList("imageIds", String.class, List.of()), createdAt,
							doc.getDate("updatedAt") != null ? instant(doc, "updatedAt") : null));
			case ARTISTS -> new Candidate(id, createdAt, tf, length, norm, doc.getString("name"),
					new ArtistHit(id, doc.getString("ownerId"), doc.getString("name"), doc.getString("bio"),
							doc.getString("imageId"), createdAt));
			case TRACKS -> new Candidate(id, createdAt, tf, length, norm, doc.getString("title"),
					new TrackHit(id, id, doc.getString("artistId"), doc.getString("artistName"),
							doc.getString("title"), ((Number) doc.get("durationMs", 0L)).longValue(),
							doc.getString("coverImageId"), createdAt));
		};
	}

	private static Date date(Instant instant) {
		return Date.from(instant);
	}

	private static Instant instant(Document doc, String field) {
		Date date = doc.getDate(field);
		return (date != null) ? date.toInstant() : Instant.EPOCH;
	}

}
