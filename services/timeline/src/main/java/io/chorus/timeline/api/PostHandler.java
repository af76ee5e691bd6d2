package io.chorus.timeline.api;

import io.chorus.timeline.domain.Position;
import io.chorus.timeline.domain.Timelines;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Post detail and comments: public; {@code likedByMe} only with a passport. */
final class PostHandler {

	private final Timelines timelines;

	PostHandler(Timelines timelines) {
		this.timelines = timelines;
	}

	Mono<ServerResponse> post(ServerRequest request) {
		Params params = new Params(request);
		String postId = params.pathId("id");
		params.check();
		return TimelineHandler.me()
			.flatMap((me) -> TimelineHandler.ok(this.timelines.post(postId, me.orElse(null))));
	}

	Mono<ServerResponse> comments(ServerRequest request) {
		Params params = new Params(request);
		String postId = params.pathId("id");
		String parentId = params.optionalId("parentId");
		int limit = params.limit();
		Position cursor = params.cursor(Position::decode);
		params.check();
		return TimelineHandler.ok(this.timelines.comments(postId, parentId, cursor, limit));
	}

}
