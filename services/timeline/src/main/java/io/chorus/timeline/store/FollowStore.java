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
 * Collection {@code follows}: this service's copy of the follow graph, one document per edge
 * ({@code _id = followerId/followeeId}, {@code followerId, followeeId, at, pull}). {@code pull}
 * copies the followee's {@code pull} flag so "the read-time authors I follow" is one indexed query.
 */
public class FollowStore {

	private final MongoCollection<Document> follows;

	public FollowStore(MongoDatabase db) {
		this.follows = db.getCollection("follows");
	}

	static String id(String followerId, String followeeId) {
		return followerId + "/" + followeeId;
	}

	public Mono<Void> add(String followerId, String followeeId, Instant at) {
		return Mono
			.from(this.follows.updateOne(Filters.eq("_id", id(followerId, followeeId)),
					Updates.combine(Updates.setOnInsert("followerId", followerId),
							Updates.setOnInsert("followeeId", followeeId), Updates.setOnInsert("at", Date.from(at)),
							Updates.setOnInsert("pull", false)),
					new UpdateOptions().upsert(true)))
			.then();
	}

	public Mono<Void> remove(String followerId, String followeeId) {
		return Mono.from(this.follows.deleteOne(Filters.eq("_id", id(followerId, followeeId)))).then();
	}

	public Mono<Void> markPull(String followerId, String followeeId) {
		return Mono
			.from(this.follows.updateOne(Filters.eq("_id", id(followerId, followeeId)), Updates.set("pull", true)))
			.then();
	}

	/** All edges to {@code followeeId} become read-time edges: one update. */
	public Mono<Void> markPullEdges(String followeeId) {
		return Mono
			.from(this.follows.updateMany(Filters.and(Filters.eq("followeeId", followeeId), Filters.ne("pull", true)),
					Updates.set("pull", true)))
			.then();
	}

	public Flux<String> followers(String followeeId) {
		return Flux
			.from(this.follows.find(Filters.eq("followeeId", followeeId))
				.projection(Projections.include("followerId"))
				.batchSize(1000))
			.map((doc) -> doc.getString("followerId"));
	}

	public Flux<String> followees(String followerId) {
		return Flux
			.from(this.follows.find(Filters.eq("followerId", followerId))
				.projection(Projections.include("followeeId"))
				.batchSize(1000))
			.map((doc) -> doc.getString("followeeId"));
	}

	/** Which of {@code authorIds} {@code followerId} follows: one query. */
	public Mono<Set<String>> followeesAmong(String followerId, Collection<String> authorIds) {
		if (authorIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		List<String> ids = authorIds.stream().map((author) -> id(followerId, author)).toList();
		return Flux.from(this.follows.find(Filters.in("_id", ids)).projection(Projections.include("followeeId")))
			.map((doc) -> doc.getString("followeeId"))
			.collect(HashSet::new, Set::add);
	}

	/** The followees of {@code followerId} whose posts are merged at read time. */
	public Mono<List<String>> pullFollowees(String followerId) {
		return Flux
			.from(this.follows.find(Filters.and(Filters.eq("followerId", followerId), Filters.eq("pull", true)))
				.projection(Projections.include("followeeId")))
			.map((doc) -> doc.getString("followeeId"))
			.collectList();
	}

	public Mono<Void> removeAll(String memberId) {
		return Mono.from(this.follows.deleteMany(Filters.eq("followerId", memberId)))
			.then(Mono.from(this.follows.deleteMany(Filters.eq("followeeId", memberId))))
			.then();
	}

}
