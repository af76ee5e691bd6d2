package io.chorus.content.api;

import io.chorus.content.api.Bodies.CommentBody;
import io.chorus.content.domain.Comments;
import io.chorus.content.domain.ContentRules;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code /api/comments/**}: edit, delete, like, unlike. */
final class CommentHandler {

	private final Comments comments;

	CommentHandler(Comments comments) {
		this.comments = comments;
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(Bodies.json(request).map(ContentRules::commentText))
			.flatMap((both) -> this.comments.update(both.getT1().memberId(), request.pathVariable("id"), both.getT2()))
			.flatMap((comment) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(CommentBody.of(comment)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.comments.delete(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> like(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.comments.like(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> unlike(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.comments.unlike(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

}
