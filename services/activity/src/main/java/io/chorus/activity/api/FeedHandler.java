package io.chorus.activity.api;

import io.chorus.activity.domain.Feeds;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/activity/me} and {@code GET /api/activity/following}: passport required. */
final class FeedHandler {

	private final Feeds feeds;

	FeedHandler(Feeds feeds) {
		this.feeds = feeds;
	}

	Mono<ServerResponse> notifications(ServerRequest request) {
		return Passports.requireMember()
			.flatMap(p -> this.feeds.notifications(p.memberId(), Limits.cursor(request), Limits.limit(request)))
			.flatMap(FeedHandler::page);
	}

	Mono<ServerResponse> following(ServerRequest request) {
		return Passports.requireMember()
			.flatMap(p -> this.feeds.following(p.memberId(), Limits.cursor(request), Limits.limit(request)))
			.flatMap(FeedHandler::page);
	}

	private static Mono<ServerResponse> page(Feeds.Page page) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(page);
	}

}
