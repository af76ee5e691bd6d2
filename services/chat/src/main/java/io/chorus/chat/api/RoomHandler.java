package io.chorus.chat.api;

import java.net.URI;
import java.util.Map;

import io.chorus.chat.domain.Rooms;
import io.chorus.chat.live.Fanout;
import io.chorus.chat.live.Presence;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Rooms, members, history, read markers and presence over HTTP; a passport is required. */
final class RoomHandler {

	private final Rooms rooms;

	private final Presence presence;

	private final RequestValidator validator;

	private final Fanout fanout;

	RoomHandler(Rooms rooms, Presence presence, Fanout fanout, RequestValidator validator) {
		this.fanout = fanout;
		this.rooms = rooms;
		this.presence = presence;
		this.validator = validator;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return Passports.requireMember()
			.flatMap(p -> this.validator.body(request, Requests.CreateRoom.class)
				.flatMap(body -> this.rooms.create(p.memberId(), body.kind(), body.name(), body.memberIds())))
			.flatMap(created -> created.created()
					? ServerResponse.created(URI.create("/api/chat/rooms/" + created.room().id()))
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(view(created.room()))
					: json(view(created.room())));
	}

	Mono<ServerResponse> mine(ServerRequest request) {
		return Passports.requireMember()
			.flatMap(p -> this.rooms.mine(p.memberId(), Params.cursor(request), Params.limit(request)))
			.flatMap(RoomHandler::json);
	}

	Mono<ServerResponse> addMember(ServerRequest request) {
		String roomId = Params.roomId(request);
		return Passports.requireMember()
			.flatMap(p -> this.validator.body(request, Requests.AddMember.class)
				.flatMap(body -> this.rooms.addMember(p.memberId(), roomId, body.memberId())))
			.flatMap(room -> json(view(room)));
	}

	Mono<ServerResponse> leave(ServerRequest request) {
		String roomId = Params.roomId(request);
		return Passports.requireMember()
			.flatMap(p -> this.rooms.leave(p.memberId(), roomId).then(this.fanout.evict(roomId, p.memberId())))
			.then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> history(ServerRequest request) {
		String roomId = Params.roomId(request);
		Long before = Params.before(request);
		int limit = Params.limit(request);
		return Passports.requireMember()
			.flatMap(p -> this.rooms.history(p.memberId(), roomId, before, limit))
			.flatMap(RoomHandler::json);
	}

	Mono<ServerResponse> read(ServerRequest request) {
		String roomId = Params.roomId(request);
		return Passports.requireMember()
			.flatMap(p -> this.validator.body(request, Requests.MarkRead.class)
				.flatMap(body -> this.rooms.markRead(p.memberId(), roomId, body.seq())))
			.flatMap(seq -> json(Map.of("roomId", roomId, "seq", seq)));
	}

	Mono<ServerResponse> presence(ServerRequest request) {
		String roomId = Params.roomId(request);
		return Passports.requireMember()
			.flatMap(p -> this.rooms.member(p.memberId(), roomId))
			.flatMap(room -> this.presence.online(roomId))
			.flatMap(online -> json(Map.of("online", online)));
	}

	private static Map<String, Object> view(io.chorus.chat.domain.Room room) {
		java.util.LinkedHashMap<String, Object> view = new java.util.LinkedHashMap<>();
		view.put("id", room.id());
		view.put("kind", room.kind());
		view.put("name", room.name());
		view.put("memberIds", room.memberIds());
		view.put("createdAt", room.createdAt());
		return view;
	}

	private static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
