package io.chorus.timeline.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code likes}: who liked which post ({@code _id = postId/memberId, postId,
 * memberId, at}), so "likedByMe" is one lookup by id for a whole page.
 */
public class LikeStore {

	private final MongoCollection<Document> likes;

	public LikeStore(MongoDatabase db) {
		this.likes = db.getCollection("likes");
	}

	static String id(String postId, String memberId) {
		return postId + "/" + memberId;
	}

	public Mono<Void> like(String postId, String memberId, Instant at) {
		return Mono
			.from(this.likes.updateOne(Filters.eq("_id", id(postId, memberId)),
					Updates.combine(Updates.setOnInsert("postId", postId), Updates.setOnInsert("memberId", memberId),
							Updates.setOnInsert("at", Date.from(at))),
					new UpdateOptions().upsert(true)))
			.then();
	}

	/** When {@code memberId} liked {@code postId}; empty if not liked. */
	public Mono<Instant> likedAt(String postId, String memberId) {
		return Mono.from(this.likes.find(Filters.eq("_id", id(postId, memberId))).first())
			.mapNotNull((doc) -> doc.getDate("at"))
			.map(Date::toInstant);
	}

	public Mono<Void> unlike(String postId, String memberId) {
		return Mono.from(this.likes.deleteOne(Filters.eq("_id", id(postId, memberId)))).then();
	}

	/** Which of {@code postIds} {@code memberId} likes: one query. */
	public Mono<Set<String>> likedBy(String memberId, Collection<String> postIds) {
		if (postIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		List<String> ids = postIds.stream().map((post) -> id(post, memberId)).toList();
		return Flux.from(this.likes.find(Filters.in("_id", ids)).projection(Projections.include("postId")))
			.map((doc) -> doc.getString("postId"))
			.collect(HashSet::new, Set::add);
	}

}
