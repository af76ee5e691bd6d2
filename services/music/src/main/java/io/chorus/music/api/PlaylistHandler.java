package io.chorus.music.api;

import io.chorus.music.api.Bodies.AddEntry;
import io.chorus.music.api.Bodies.EntryBody;
import io.chorus.music.api.Bodies.Move;
import io.chorus.music.api.Bodies.NewPlaylist;
import io.chorus.music.api.Bodies.PlaylistBody;
import io.chorus.music.domain.Playlists;
import io.chorus.music.domain.Violations;
import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Playlists: create, read, append, move, remove. Changes are the owner's only. */
final class PlaylistHandler {

	private final Playlists playlists;

	PlaylistHandler(Playlists playlists) {
		this.playlists = playlists;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return Passports.requireMember()
			.flatMap((me) -> Requests.body(request, NewPlaylist.class).flatMap((b) -> this.playlists.create(me, b.name())))
			.flatMap((p) -> this.playlists.get(p.id()))
			.flatMap((view) -> Requests.created("/api/playlists/" + view.playlist().id(), PlaylistBody.of(view)));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		return this.playlists.get(request.pathVariable("id")).flatMap((v) -> Requests.json(PlaylistBody.of(v)));
	}

	Mono<ServerResponse> add(ServerRequest request) {
		String id = request.pathVariable("id");
		return Passports.requireMember()
			.flatMap((me) -> Requests.body(request, AddEntry.class).flatMap((b) -> this.playlists.add(me, id, b.trackId())))
			.flatMap((entry) -> Requests.created("/api/playlists/" + id, EntryBody.of(entry, null)));
	}

	Mono<ServerResponse> move(ServerRequest request) {
		String id = request.pathVariable("id");
		return Passports.requireMember()
			.flatMap((me) -> Requests.body(request, Move.class).flatMap((b) -> this.playlists.move(me, id, b.from(), b.to())))
			.then(Mono.defer(() -> this.playlists.get(id)))
			.flatMap((v) -> Requests.json(PlaylistBody.of(v)));
	}

	Mono<ServerResponse> remove(ServerRequest request) {
		String id = request.pathVariable("id");
		return Passports.requireMember().flatMap((me) -> {
			int position;
			try {
				position = Integer.parseInt(request.pathVariable("position"));
			}
			catch (NumberFormatException ex) {
				throw Violations.single("position", "must be a whole number");
			}
			return this.playlists.remove(me, id, position);
		}).then(ServerResponse.noContent().build());
	}

}
