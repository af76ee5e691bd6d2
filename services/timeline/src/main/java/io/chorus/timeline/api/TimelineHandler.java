package io.chorus.timeline.api;

import java.util.Optional;

import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import io.chorus.timeline.domain.Position;
import io.chorus.timeline.domain.RankPosition;
import io.chorus.timeline.domain.Timelines;
import io.chorus.timeline.domain.Window;
import io.chorus.timeline.store.Rankings.Kind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Feeds and rankings. Parameters are checked before anything is read. */
final class TimelineHandler {

	private final Timelines timelines;

	TimelineHandler(Timelines timelines) {
		this.timelines = timelines;
	}

	/** Passport required. */
	Mono<ServerResponse> home(ServerRequest request) {
		return Passports.requireMember().flatMap((me) -> {
			Params params = new Params(request);
			int limit = params.limit();
			Position cursor = params.cursor(Position::decode);
			params.check();
			return ok(this.timelines.home(me.memberId(), cursor, limit));
		});
	}

	/** Public; with a passport the posts say {@code likedByMe}. */
	Mono<ServerResponse> member(ServerRequest request) {
		Params params = new Params(request);
		String authorId = params.pathId("id");
		int limit = params.limit();
		Position cursor = params.cursor(Position::decode);
		params.check();
		return me().flatMap((me) -> ok(this.timelines.member(authorId, cursor, limit, me.orElse(null))));
	}

	Mono<ServerResponse> popular(ServerRequest request) {
		return ranking(request, Kind.LIKES);
	}

	Mono<ServerResponse> mostCommented(ServerRequest request) {
		return ranking(request, Kind.COMMENTS);
	}

	private Mono<ServerResponse> ranking(ServerRequest request, Kind kind) {
		Params params = new Params(request);
		Window window = params.required("window", Window::of, "must be one of 1h, 24h, 7d", "24h");
		int limit = params.limit();
		RankPosition cursor = params.cursor(RankPosition::decode);
		params.check();
		return me().flatMap((me) -> ok(this.timelines.ranking(kind, window, cursor, limit, me.orElse(null))));
	}

	static Mono<Optional<String>> me() {
		return Passports.current().map(Passport::memberId).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	static Mono<ServerResponse> ok(Mono<? extends @Nullable Object> body) {
		return body.flatMap((value) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(value));
	}

}
