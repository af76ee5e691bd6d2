package io.chorus.activity.api;

import io.chorus.platform.passport.Roles;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.chorus.activity.events.ConsumerControl;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.FieldViolation;
import io.chorus.platform.web.ProblemException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Operator endpoints on the service port, admin role only (401 without a passport, 403 without
 * the role): replay the dead letters of this service's group for one topic, and rewind the group
 * on one topic to a time. Both go through the starter's replay tool.
 */
final class AdminHandler {

	private final ConsumerControl control;

	private final List<String> topics;

	AdminHandler(ConsumerControl control, List<String> topics) {
		this.control = control;
		this.topics = topics;
	}

	Mono<ServerResponse> replayDeadLetters(ServerRequest request) {
		return Passports.requireRole(Roles.ADMIN)
			.then(request.bodyToMono(ReplayBody.class).switchIfEmpty(Mono.error(() -> missingBody())))
			.flatMap(body -> {
				validate(body.topic(), body.group(), new ArrayList<>(), true);
				return this.control.replayDeadLetters(body.topic());
			})
			.onErrorMap(UnknownTopicOrPartitionException.class,
					ex -> ProblemException.notFound("No dead letters have been written for that topic yet."))
			.flatMap(result -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result));
	}

	Mono<ServerResponse> rewind(ServerRequest request) {
		return Passports.requireRole(Roles.ADMIN)
			.then(request.bodyToMono(RewindBody.class).switchIfEmpty(Mono.error(() -> missingBody())))
			.flatMap(body -> {
				List<FieldViolation> errors = new ArrayList<>();
				Instant from = null;
				if (body.from() == null || body.from().isBlank()) {
					errors.add(new FieldViolation("from", "is required"));
				}
				else {
					try {
						from = Instant.parse(body.from());
					}
					catch (DateTimeParseException ex) {
						errors.add(new FieldViolation("from", "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
					}
				}
				validate(body.topic(), body.group(), errors, from != null);
				return this.control.rewind(body.topic(), from);
			})
			.flatMap(result -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(result));
	}

	private void validate(@Nullable String topic, @Nullable String group, List<FieldViolation> errors,
			boolean othersValid) {
		if (topic == null || !this.topics.contains(topic)) {
			errors.add(new FieldViolation("topic", "must be one of " + this.topics));
		}
		if (group != null && !group.equals(this.control.group())) {
			errors.add(new FieldViolation("group", "must be " + this.control.group() + " (this service's group)"));
		}
		if (!errors.isEmpty() || !othersValid) {
			throw ProblemException.validation(errors);
		}
	}

	private static ProblemException missingBody() {
		return ProblemException.badRequest("A JSON body is required.");
	}

	/** {@code group} is optional: this service has one group. */
	record ReplayBody(@Nullable String topic, @Nullable String group) {
	}

	record RewindBody(@Nullable String topic, @Nullable String group, @Nullable String from) {
	}

}
