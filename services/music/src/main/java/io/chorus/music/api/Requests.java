package io.chorus.music.api;

import java.net.URI;

import io.chorus.music.domain.Violations;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Small helpers shared by the handlers. */
final class Requests {

	private Requests() {
	}

	static <T> Mono<T> body(ServerRequest request, Class<T> type) {
		return request.bodyToMono(type)
			.switchIfEmpty(Mono.error(() -> ProblemException.badRequest("A JSON body is required.")));
	}

	/** {@code ?limit=} from 1 to {@code max} ({@code fallback} when absent); 400 otherwise. */
	static int limit(ServerRequest request, int fallback, int max) {
		String raw = request.queryParam("limit").orElse(null);
		if (raw == null || raw.isEmpty()) {
			return fallback;
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
		throw Violations.single("limit", "must be a whole number from 1 to " + max);
	}

	static Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	static Mono<ServerResponse> created(String location, Object body) {
		return ServerResponse.created(URI.create(location)).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** A PATCH field: absent, or present with a string or null value. */
	record Patch(boolean present, @Nullable String value) {

		static Patch of(JsonNode body, String field) {
			if (!body.has(field)) {
				return new Patch(false, null);
			}
			JsonNode node = body.get(field);
			if (node.isNull()) {
				return new Patch(true, null);
			}
			if (!node.isString()) {
				throw Violations.single(field, "must be a string or null");
			}
			return new Patch(true, node.asString());
		}

	}

	static Mono<JsonNode> patchBody(ServerRequest request) {
		return body(request, JsonNode.class).doOnNext((node) -> {
			if (!node.isObject()) {
				throw ProblemException.badRequest("The body must be a JSON object.");
			}
		});
	}

}
