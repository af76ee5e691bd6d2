package io.chorus.chat.api;

import java.util.Map;

import io.chorus.chat.domain.Rooms;
import io.chorus.chat.live.ChatSocketHandler;
import io.chorus.chat.live.Fanout;
import io.chorus.chat.live.Presence;
import io.chorus.chat.live.Tickets;
import io.chorus.platform.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every route of the service, as the gateway forwards them: HTTP needs a passport, the WebSocket a ticket. */
@Configuration(proxyBeanMethods = false)
class ChatRoutes {

	@Bean
	RouterFunction<ServerResponse> chatRouter(Rooms rooms, Presence presence, Fanout fanout, Tickets tickets,
			RequestValidator validator) {
		RoomHandler room = new RoomHandler(rooms, presence, fanout, validator);
		TicketHandler ticket = new TicketHandler(tickets);
		return route(POST("/api/chat/rooms"), safe(room::create)).andRoute(GET("/api/chat/rooms"), safe(room::mine))
			.andRoute(POST("/api/chat/rooms/{id}/members"), safe(room::addMember))
			.andRoute(DELETE("/api/chat/rooms/{id}/members/me"), safe(room::leave))
			.andRoute(GET("/api/chat/rooms/{id}/messages"), safe(room::history))
			.andRoute(POST("/api/chat/rooms/{id}/read"), safe(room::read))
			.andRoute(GET("/api/chat/rooms/{id}/presence"), safe(room::presence))
			.andRoute(POST("/api/chat/tickets"), safe(ticket::issue));
	}

	/** Parameter checks throw before a chain exists; deferring turns them into a problem response. */
	private static HandlerFunction<ServerResponse> safe(HandlerFunction<ServerResponse> handler) {
		return request -> Mono.defer(() -> handler.handle(request));
	}

	@Bean
	HandlerMapping chatSocketMapping(ChatSocketHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/chat", handler), Ordered.HIGHEST_PRECEDENCE);
	}

}
