package io.chorus.music.api;

import java.nio.file.Path;
import java.util.Map;

import io.chorus.music.api.Bodies.ImageBody;
import io.chorus.music.api.Uploads.FileRule;
import io.chorus.music.domain.Image;
import io.chorus.music.domain.Images;
import io.chorus.music.domain.Track;
import io.chorus.music.domain.Tracks;
import io.chorus.music.domain.Violations;
import io.chorus.music.store.MediaFiles;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serving bytes: track streams (Range, ETag, conditional requests) and images (ETag, long-lived
 * caching); image upload. Reading never changes anything (no play is counted here).
 */
final class MediaHandler {

	static final String TRACK_CACHE = "public, max-age=3600";

	static final String IMAGE_CACHE = "public, max-age=31536000, immutable";

	private final Tracks tracks;

	private final Images images;

	private final MediaFiles media;

	private final Map<String, FileRule> imageRules;

	MediaHandler(Tracks tracks, Images images, MediaFiles media, long maxImageBytes) {
		this.tracks = tracks;
		this.images = images;
		this.media = media;
		this.imageRules = Map.of("file",
				new FileRule(maxImageBytes, Images::acceptsHead, () -> Images.unsupported("file")));
	}

	Mono<ServerResponse> stream(ServerRequest request) {
		return this.tracks.get(request.pathVariable("id")).flatMap((track) -> stream(request, track));
	}

	private Mono<ServerResponse> stream(ServerRequest request, Track track) {
		String etag = track.etag();
		long length = track.byteSize();
		MediaType type = MediaType.parseMediaType(track.contentType());
		HttpHeaders req = request.headers().asHttpHeaders();
		if (Ranges.noneMatchHits(req.getFirst(HttpHeaders.IF_NONE_MATCH), etag)) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers((h) -> common(h, etag, TRACK_CACHE)).build();
		}
		Path file = this.tracks.file(track);
		Ranges.Decision decision = Ranges.decide(req.getFirst(HttpHeaders.RANGE), req.getFirst(HttpHeaders.IF_RANGE),
				etag, length);
		return switch (decision) {
			case Ranges.Full full -> FileResponses.region(HttpStatus.OK, file, 0, length, (h) -> {
				common(h, etag, TRACK_CACHE);
				h.setContentType(type);
			});
			case Ranges.Partial part -> FileResponses.region(HttpStatus.PARTIAL_CONTENT, file, part.start(),
					part.count(), (h) -> {
						common(h, etag, TRACK_CACHE);
						h.setContentType(type);
						h.set(HttpHeaders.CONTENT_RANGE, "bytes " + part.start() + "-" + part.end() + "/" + length);
					});
			case Ranges.Unsatisfiable none -> Mono.error(ProblemException.of(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
				.detail("The range is outside the " + length + " bytes of this track.")
				.header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
				.header(HttpHeaders.ACCEPT_RANGES, "bytes")
				.header(HttpHeaders.ETAG, etag)
				.build());
		};
	}

	private static void common(HttpHeaders h, String etag, String cacheControl) {
		h.set(HttpHeaders.ACCEPT_RANGES, "bytes");
		h.setETag(etag);
		h.setCacheControl(cacheControl);
	}

	Mono<ServerResponse> cover(ServerRequest request) {
		String id = request.pathVariable("id");
		return this.tracks.get(id).flatMap((track) -> {
			if (track.coverImageId() == null) {
				return Mono.error(ProblemException.notFound("Track " + id + " has no cover."));
			}
			return this.images.get(track.coverImageId());
		}).flatMap((image) -> image(request, image));
	}

	Mono<ServerResponse> image(ServerRequest request) {
		return this.images.get(request.pathVariable("id")).flatMap((image) -> image(request, image));
	}

	private Mono<ServerResponse> image(ServerRequest request, Image image) {
		boolean thumbnail = thumbnail(request);
		String etag = image.etag(thumbnail);
		if (Ranges.noneMatchHits(request.headers().firstHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers((h) -> {
				h.setETag(etag);
				h.setCacheControl(IMAGE_CACHE);
			}).build();
		}
		Path file = this.images.path(image, thumbnail);
		MediaType type = thumbnail ? MediaType.IMAGE_PNG : MediaType.parseMediaType(image.contentType());
		return this.media.size(file).flatMap((size) -> FileResponses.region(HttpStatus.OK, file, 0, size, (h) -> {
			h.setETag(etag);
			h.setCacheControl(IMAGE_CACHE);
			h.setContentType(type);
		}));
	}

	private static boolean thumbnail(ServerRequest request) {
		String size = request.queryParam("size").orElse("full");
		return switch (size) {
			case "thumb" -> true;
			case "full" -> false;
			default -> throw Violations.single("size", "must be thumb or full");
		};
	}

	Mono<ServerResponse> uploadImage(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> Uploads.read(request, this.media, this.imageRules, (fields) -> this.media.spaceLeft())
				.flatMap((parts) -> {
				if (parts.files().get("file") == null) {
					return parts.discard(this.media).then(Mono.error(Violations.single("file", "is required")));
				}
				return this.images.create(me, parts.files().get("file"), "file");
			}))
			.flatMap((image) -> Requests.created("/api/images/" + image.id(), ImageBody.of(image)));
	}

}
