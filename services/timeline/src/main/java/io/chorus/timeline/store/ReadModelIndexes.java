package io.chorus.timeline.store;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The read models' secondary indexes (creating an existing index is a no-op). */
public final class ReadModelIndexes {

	private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);

	private ReadModelIndexes() {
	}

	public static Mono<Void> create(MongoDatabase db) {
		return Flux
			.concat(db.getCollection("posts")
				.createIndexes(List.of(new IndexModel(Indexes.compoundIndex(Indexes.ascending("authorId"),
						Indexes.descending("sk"))))),
					db.getCollection("comments")
						.createIndexes(List.of(
								new IndexModel(Indexes.compoundIndex(Indexes.ascending("postId"),
										Indexes.ascending("parentId"), Indexes.ascending("sk"))),
								new IndexModel(Indexes.ascending("authorId")))),
					db.getCollection("follows")
						.createIndexes(List.of(new IndexModel(Indexes.ascending("followeeId")),
								new IndexModel(Indexes.compoundIndex(Indexes.ascending("followerId"),
										Indexes.ascending("pull"))))))
			.doOnError((ex) -> log.warn("Creating read model indexes failed: {}", ex.toString()))
			.then();
	}

}
