package io.chorus.music.api;

import java.util.Map;

import io.chorus.music.api.Bodies.TrackBody;
import io.chorus.music.api.Requests.Patch;
import io.chorus.music.api.Uploads.FileRule;
import io.chorus.music.domain.Images;
import io.chorus.music.domain.Tracks;
import io.chorus.music.domain.Violations;
import io.chorus.music.store.MediaFiles;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Track upload ({@code multipart/form-data}: {@code artistId}, {@code title}, {@code file}
 * and optionally {@code cover}), read, change and delete.
 */
final class TrackHandler {

	private final Tracks tracks;

	private final MediaFiles media;

	private final Map<String, FileRule> rules;

	TrackHandler(Tracks tracks, MediaFiles media, long maxTrackBytes, long maxImageBytes) {
		this.tracks = tracks;
		this.media = media;
		this.rules = Map.of("file", new FileRule(maxTrackBytes, Tracks::acceptsHead, Tracks::unsupported), "cover",
				new FileRule(maxImageBytes, Images::acceptsHead, () -> Images.unsupported("cover")));
	}

	/**
	 * The member is checked before a byte of the body is read; the artist (ownership), the
	 * member's storage quota and the volume's free space before a byte of the file is read.
	 */
	Mono<ServerResponse> upload(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> Uploads.read(request, this.media, this.rules, (fields) -> this.tracks.admit(me, fields))
				.flatMap((parts) -> this.tracks.publish(me, parts.fields(), parts.files().get("file"),
						parts.files().get("cover"))))
			.flatMap((t) -> Requests.created("/api/tracks/" + t.id(), TrackBody.of(t)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		return this.tracks.get(request.pathVariable("id")).flatMap((t) -> Requests.json(TrackBody.of(t)));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return Passports.requireMember().flatMap((me) -> Requests.patchBody(request).flatMap((body) -> {
			Patch title = Patch.of(body, "title");
			if (title.present() && title.value() == null) {
				throw Violations.single("title", "must not be null");
			}
			Patch cover = Patch.of(body, "coverImageId");
			return this.tracks.update(me, request.pathVariable("id"), title.value(), cover.present(), cover.value());
		})).flatMap((t) -> Requests.json(TrackBody.of(t)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> this.tracks.delete(me, request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

}
