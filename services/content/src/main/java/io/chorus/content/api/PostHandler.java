package io.chorus.content.api;

import java.net.URI;

import io.chorus.content.api.Bodies.CommentBody;
import io.chorus.content.api.Bodies.PostBody;
import io.chorus.content.domain.Comments;
import io.chorus.content.domain.ContentRules;
import io.chorus.content.domain.Posts;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code /api/posts/**} writes: create, edit, delete, like, unlike, comment. */
final class PostHandler {

	private final Posts posts;

	private final Comments comments;

	PostHandler(Posts posts, Comments comments) {
		this.posts = posts;
		this.comments = comments;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(Bodies.json(request).map(ContentRules::post))
			.flatMap((both) -> this.posts.create(both.getT1().memberId(), both.getT2()))
			.flatMap((post) -> ServerResponse.created(URI.create("/api/posts/" + post.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(PostBody.of(post)));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(Bodies.json(request).map(ContentRules::post))
			.flatMap((both) -> this.posts.update(both.getT1().memberId(), request.pathVariable("id"), both.getT2()))
			.flatMap((post) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(PostBody.of(post)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.posts.delete(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> like(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.posts.like(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> unlike(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.posts.unlike(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> comment(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(Bodies.json(request).map(ContentRules::comment))
			.flatMap((both) -> this.comments.create(both.getT1().memberId(), request.pathVariable("id"), both.getT2()))
			.flatMap((comment) -> ServerResponse.created(URI.create("/api/comments/" + comment.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(CommentBody.of(comment)));
	}

}
