package io.chorus.music.api;

import java.util.List;
import java.util.Map;

import io.chorus.music.api.Bodies.LyricsBody;
import io.chorus.music.domain.Lrc;
import io.chorus.music.domain.LyricsLine;
import io.chorus.music.domain.Lyrics;
import io.chorus.music.domain.Tracks;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Timed lyrics as JSON ({@code {lines:[{startMs,endMs,text}]}}) or LRC: PUT with
 * {@code Content-Type: text/plain} imports LRC; GET with {@code ?format=lrc} (or
 * {@code Accept: text/plain} only) exports it.
 */
final class LyricsHandler {

	private final Lyrics lyrics;

	private final Tracks tracks;

	LyricsHandler(Lyrics lyrics, Tracks tracks) {
		this.lyrics = lyrics;
		this.tracks = tracks;
	}

	Mono<ServerResponse> get(ServerRequest request) {
		String id = request.pathVariable("id");
		boolean lrc = wantsLrc(request);
		return this.lyrics.get(id).flatMap((lines) -> lrc
				? ServerResponse.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
					.bodyValue(Lrc.format(lines))
				: Requests.json(Map.of("trackId", id, "lines", lines)));
	}

	Mono<ServerResponse> put(ServerRequest request) {
		String id = request.pathVariable("id");
		MediaType type = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		return Passports.requireMember().flatMap((me) -> {
			Mono<List<LyricsLine>> lines = MediaType.TEXT_PLAIN.isCompatibleWith(type)
					? request.bodyToMono(String.class)
						.defaultIfEmpty("")
						.flatMap((text) -> this.tracks.get(id).map((t) -> Lrc.parse(text, t.durationMs())))
					: Requests.body(request, LyricsBody.class)
						.map((body) -> (body.lines() != null) ? List.copyOf(body.lines()) : null);
			return lines.flatMap((l) -> this.lyrics.put(me, id, l));
		}).flatMap((saved) -> Requests.json(Map.of("trackId", id, "lines", saved)));
	}

	private static boolean wantsLrc(ServerRequest request) {
		String format = request.queryParam("format").orElse(null);
		if (format != null) {
			return "lrc".equalsIgnoreCase(format);
		}
		List<MediaType> accept = request.headers().accept();
		return !accept.isEmpty()
			&& accept.stream().allMatch((m) -> !m.isWildcardType() && MediaType.TEXT_PLAIN.isCompatibleWith(m));
	}

}
