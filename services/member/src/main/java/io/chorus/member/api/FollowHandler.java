package io.chorus.member.api;

import java.util.List;

import io.chorus.member.api.Bodies.Items;
import io.chorus.member.api.Bodies.PageBody;
import io.chorus.member.api.Bodies.RecommendationItem;
import io.chorus.member.domain.Follows;
import io.chorus.member.domain.Problems;
import io.chorus.member.domain.Violation;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Follow and unfollow, followers/followings pages, recommendations. */
final class FollowHandler {

	private static final int DEFAULT_PAGE = 20;

	private final Follows follows;

	FollowHandler(Follows follows) {
		this.follows = follows;
	}

	Mono<ServerResponse> follow(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.follows.follow(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> unfollow(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.follows.unfollow(p.memberId(), request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> followers(ServerRequest request) {
		return Mono.defer(() -> this.follows.followers(request.pathVariable("id"),
				request.queryParam("cursor").orElse(null), limit(request, Follows.PAGE_MAX)))
			.flatMap(FollowHandler::page);
	}

	Mono<ServerResponse> followings(ServerRequest request) {
		return Mono.defer(() -> this.follows.followings(request.pathVariable("id"),
				request.queryParam("cursor").orElse(null), limit(request, Follows.PAGE_MAX)))
			.flatMap(FollowHandler::page);
	}

	Mono<ServerResponse> recommendations(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((p) -> this.follows.recommendations(p.memberId(), limit(request, Follows.RECOMMENDATIONS_MAX)))
			.flatMap((items) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Items<>(items.stream().map(RecommendationItem::of).toList())));
	}

	private static Mono<ServerResponse> page(Follows.Page page) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(PageBody.of(page));
	}

	/** {@code ?limit=} between 1 and {@code max}; 400 otherwise (never silently clamped). */
	static int limit(ServerRequest request, int max) {
		String raw = request.queryParam("limit").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return Math.min(DEFAULT_PAGE, max);
		}
		try {
			int limit = Integer.parseInt(raw);
			if (limit >= 1 && limit <= max) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw Problems.validation(List.of(new Violation("limit", "must be a whole number from 1 to " + max)));
	}

}
