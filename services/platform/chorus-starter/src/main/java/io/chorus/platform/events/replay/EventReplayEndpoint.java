package io.chorus.platform.events.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import reactor.core.publisher.Mono;

/**
 * Actuator endpoint on the management port, off unless exposed
 * ({@code management.endpoints.web.exposure.include=eventreplay}):
 * <ul>
 * <li>{@code POST /actuator/eventreplay/dead-letters {"topic": "...", "group": "..."}}</li>
 * <li>{@code POST /actuator/eventreplay/rewind {"topic": "...", "group": "...", "from": "2026-01-01T00:00:00Z"}}</li>
 * </ul>
 * Bad input answers 400 and a refused rewind (group still running) 409, as problem+json.
 */
@Endpoint(id = "eventreplay")
public class EventReplayEndpoint {

	private static final MimeType PROBLEM = MimeType.valueOf("application/problem+json");

	private final ReplayTool replay;

	public EventReplayEndpoint(ReplayTool replay) {
		this.replay = replay;
	}

	@WriteOperation
	public Mono<WebEndpointResponse<Object>> run(@Selector String action, String topic, String group,
			@Nullable String from) {
		return switch (action) {
			case "dead-letters" -> respond(this.replay.replayDeadLetters(topic, group));
			case "rewind" -> {
				if (from == null) {
					yield Mono.just(problem(400, "'from' (an ISO-8601 instant) is required to rewind"));
				}
				Instant instant;
				try {
					instant = Instant.parse(from);
				}
				catch (DateTimeParseException ex) {
					yield Mono.just(problem(400, "'from' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
				}
				yield respond(this.replay.rewind(topic, group, instant));
			}
			default -> Mono.just(problem(400, "Unknown action '" + action + "': use dead-letters or rewind"));
		};
	}

	private static Mono<WebEndpointResponse<Object>> respond(Mono<?> result) {
		return result.<WebEndpointResponse<Object>>map(WebEndpointResponse::new)
			.onErrorResume(UnknownTopicOrPartitionException.class, ex -> Mono.just(problem(404, ex.getMessage())))
			.onErrorResume(IllegalStateException.class, ex -> Mono.just(problem(409, ex.getMessage())));
	}

	private static WebEndpointResponse<Object> problem(int status, @Nullable String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", switch (status) {
			case 404 -> "Not Found";
			case 409 -> "Conflict";
			default -> "Bad Request";
		});
		body.put("status", status);
		body.put("detail", String.valueOf(detail));
		return new WebEndpointResponse<>(body, status, PROBLEM);
	}

}
