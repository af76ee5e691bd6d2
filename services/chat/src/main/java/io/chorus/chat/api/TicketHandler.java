package io.chorus.chat.api;

import java.util.Map;

import io.chorus.chat.domain.Limits;
import io.chorus.chat.live.Tickets;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code POST /api/chat/tickets}: a single-use, 30 s ticket for {@code /ws/chat}, bound to the member. */
final class TicketHandler {

	private final Tickets tickets;

	TicketHandler(Tickets tickets) {
		this.tickets = tickets;
	}

	Mono<ServerResponse> issue(ServerRequest request) {
		return Passports.requireMember().flatMap(p -> {
			if (!Limits.validId(p.memberId())) {
				return Mono.error(ProblemException.forbidden("This member id cannot use chat."));
			}
			return this.tickets.issue(p.memberId());
		})
			.flatMap(ticket -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header("Cache-Control", "no-store")
				.bodyValue(Map.of("ticket", ticket, "expiresIn", this.tickets.ttl().toSeconds())));
	}

}
