package io.chorus.music.api;

import io.chorus.music.api.Bodies.ArtistBody;
import io.chorus.music.api.Bodies.ArtistPageBody;
import io.chorus.music.api.Bodies.NewArtist;
import io.chorus.music.api.Bodies.PageBody;
import io.chorus.music.api.Bodies.TrackBody;
import io.chorus.music.api.Requests.Patch;
import io.chorus.music.domain.Artists;
import io.chorus.music.domain.Violations;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Artist pages: create, list ("load 9 more"), read with tracks, change, delete. */
final class ArtistHandler {

	private final Artists artists;

	ArtistHandler(Artists artists) {
		this.artists = artists;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> Requests.body(request, NewArtist.class)
				.flatMap((body) -> this.artists.create(me, body.name(), body.bio(), body.imageId())))
			.flatMap((a) -> Requests.created("/api/artists/" + a.id(), ArtistBody.of(a)));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		return Mono.defer(() -> this.artists.page(request.queryParam("cursor").orElse(null),
				Requests.limit(request, Artists.PAGE_DEFAULT, Artists.PAGE_MAX)))
			.flatMap((page) -> Requests.json(PageBody.of(page, ArtistBody::of)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		String id = request.pathVariable("id");
		return this.artists.get(id)
			.flatMap((artist) -> this.artists.tracksOf(id, null, Artists.PAGE_DEFAULT)
				.map((tracks) -> ArtistPageBody.of(artist, tracks)))
			.flatMap(Requests::json);
	}

	Mono<ServerResponse> tracks(ServerRequest request) {
		return Mono.defer(() -> this.artists.tracksOf(request.pathVariable("id"), request.queryParam("cursor").orElse(null),
				Requests.limit(request, Artists.PAGE_DEFAULT, Artists.PAGE_MAX)))
			.flatMap((page) -> Requests.json(PageBody.of(page, TrackBody::of)));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return Passports.requireMember().flatMap((me) -> Requests.patchBody(request).flatMap((body) -> {
			Patch name = Patch.of(body, "name");
			if (name.present() && name.value() == null) {
				throw Violations.single("name", "must not be null");
			}
			Patch bio = Patch.of(body, "bio");
			Patch image = Patch.of(body, "imageId");
			return this.artists.update(me, request.pathVariable("id"), name.value(), bio.present(), bio.value(),
					image.present(), image.value());
		})).flatMap((a) -> Requests.json(ArtistBody.of(a)));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> this.artists.delete(me, request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

}
