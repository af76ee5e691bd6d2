package io.chorus.content.api;

import java.util.List;

import io.chorus.content.domain.Comment;
import io.chorus.content.domain.Post;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Request reading and response bodies of the content API. */
final class Bodies {

	private Bodies() {
	}

	/** The body as a JSON tree (malformed JSON → 400 from the starter); an absent body → 400. */
	static Mono<JsonNode> json(ServerRequest request) {
		return request.bodyToMono(JsonNode.class)
			.switchIfEmpty(Mono.error(() -> ProblemException.badRequest("A JSON request body is required.")));
	}

	/** A post as the write side answers it. */
	record PostBody(String id, String authorId, String text, @Nullable String trackId, List<String> imageIds,
			long likeCount, long commentCount, long version, String createdAt, String updatedAt) {

		static PostBody of(Post p) {
			return new PostBody(p.id(), p.authorId(), p.text(), p.trackId(), p.imageIds(), p.likeCount(),
					p.commentCount(), p.version(), p.createdAt().toString(), p.updatedAt().toString());
		}

	}

	/** A comment or reply as the write side answers it. */
	record CommentBody(String id, String postId, @Nullable String parentId, String authorId, String text,
			long likeCount, long version, String createdAt, String updatedAt) {

		static CommentBody of(Comment c) {
			return new CommentBody(c.id(), c.postId(), c.parentId(), c.authorId(), c.text(), c.likeCount(), c.version(),
					c.createdAt().toString(), c.updatedAt().toString());
		}

	}

}
