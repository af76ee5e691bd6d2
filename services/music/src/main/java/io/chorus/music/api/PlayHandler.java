package io.chorus.music.api;

import io.chorus.music.api.Bodies.PageBody;
import io.chorus.music.api.Bodies.PlayReport;
import io.chorus.music.api.Bodies.TrackBody;
import io.chorus.music.domain.Plays;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Play reports ({@code {listenedMs}} → counted or not, and why) and recently played. */
final class PlayHandler {

	private final Plays plays;

	PlayHandler(Plays plays) {
		this.plays = plays;
	}

	Mono<ServerResponse> report(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> Requests.body(request, PlayReport.class)
				.flatMap((b) -> this.plays.report(me.memberId(), request.pathVariable("id"), b.listenedMs())))
			.flatMap(Requests::json);
	}

	Mono<ServerResponse> recent(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> this.plays.recent(me.memberId(), Requests.limit(request, 20, Plays.RECENT_MAX)))
			.flatMap((tracks) -> Requests.json(PageBody.all(tracks.stream().map(TrackBody::of).toList())));
	}

}
