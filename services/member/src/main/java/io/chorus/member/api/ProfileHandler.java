package io.chorus.member.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chorus.member.api.Bodies.HandleRequest;
import io.chorus.member.api.Bodies.Items;
import io.chorus.member.api.Bodies.OwnProfile;
import io.chorus.member.api.Bodies.Profile;
import io.chorus.member.api.Bodies.SummariesRequest;
import io.chorus.member.domain.Accounts;
import io.chorus.member.domain.Member;
import io.chorus.member.domain.Problems;
import io.chorus.member.domain.Profiles;
import io.chorus.member.domain.Violation;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Profiles: me, by id, by handle, bulk summaries, edits, handle change, deactivation. */
final class ProfileHandler {

	private static final Set<String> EDITABLE = Set.of("displayName", "bio", "avatarUrl");

	private final Profiles profiles;

	private final Accounts accounts;

	ProfileHandler(Profiles profiles, Accounts accounts) {
		this.profiles = profiles;
		this.accounts = accounts;
	}

	Mono<ServerResponse> me(ServerRequest request) {
		return Passports.requireMember().flatMap((p) -> this.profiles.me(p.memberId())).flatMap(ProfileHandler::own);
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(AuthHandler.body(request, JsonNode.class))
			.flatMap((both) -> this.profiles.update(both.getT1().memberId(), changes(both.getT2())))
			.flatMap(ProfileHandler::own);
	}

	Mono<ServerResponse> changeHandle(ServerRequest request) {
		return Passports.requireMember()
			.zipWith(AuthHandler.body(request, HandleRequest.class))
			.flatMap((both) -> this.profiles.changeHandle(both.getT1().memberId(), both.getT2().handle()))
			.flatMap(ProfileHandler::own);
	}

	Mono<ServerResponse> deactivate(ServerRequest request) {
		return Passports.requireMember()
			.map(Passport::memberId)
			.flatMap(this.accounts::deactivate)
			.then(ServerResponse.noContent().cookie(RefreshCookie.clear()).build());
	}

	Mono<ServerResponse> byId(ServerRequest request) {
		return this.profiles.byId(request.pathVariable("id")).flatMap(ProfileHandler::ok);
	}

	Mono<ServerResponse> byHandle(ServerRequest request) {
		return this.profiles.byHandle(request.pathVariable("handle")).flatMap(ProfileHandler::ok);
	}

	Mono<ServerResponse> summaries(ServerRequest request) {
		return AuthHandler.body(request, SummariesRequest.class).flatMap((body) -> {
			if (body.ids() == null) {
				return Mono.error(Problems.validation(List.of(new Violation("ids", "is required"))));
			}
			return this.profiles.summaries(body.ids());
		})
			.flatMap((items) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new Items<>(items)));
	}

	// Only fields the client sent count: an absent field stays, null clears (JSON merge patch).
	private static Map<String, @Nullable String> changes(JsonNode body) {
		if (!body.isObject()) {
			throw Problems.validation(List.of(new Violation("body", "must be a JSON object")));
		}
		Map<String, @Nullable String> changes = new HashMap<>();
		List<Violation> violations = new ArrayList<>();
		for (String field : body.propertyNames()) {
			JsonNode value = body.get(field);
			if (!EDITABLE.contains(field)) {
				violations.add(new Violation(field, "is not an editable field"));
			}
			else if (value.isNull()) {
				changes.put(field, null);
			}
			else if (value.isString()) {
				changes.put(field, value.asString());
			}
			else {
				violations.add(new Violation(field, "must be a string"));
			}
		}
		if (!violations.isEmpty()) {
			throw Problems.validation(violations);
		}
		return changes;
	}

	private static Mono<ServerResponse> own(Member member) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OwnProfile.of(member));
	}

	private static Mono<ServerResponse> ok(Member member) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Profile.of(member));
	}

}
