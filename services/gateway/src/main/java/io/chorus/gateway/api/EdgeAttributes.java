package io.chorus.gateway.api;

import io.chorus.gateway.domain.AccessToken;
import io.chorus.gateway.domain.TrustedProxies.ClientAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/** What earlier edge filters learned about the request, for the later ones. */
final class EdgeAttributes {

	private static final String CLIENT = EdgeAttributes.class.getName() + ".client";

	private static final String TOKEN = EdgeAttributes.class.getName() + ".token";

	private static final String STOLEN_SESSIONS_OF = EdgeAttributes.class.getName() + ".stolenSessionsOf";

	private EdgeAttributes() {
	}

	static void client(ServerWebExchange exchange, ClientAddress client) {
		exchange.getAttributes().put(CLIENT, client);
	}

	static @Nullable ClientAddress client(ServerWebExchange exchange) {
		return exchange.getAttribute(CLIENT);
	}

	static void token(ServerWebExchange exchange, AccessToken token) {
		exchange.getAttributes().put(TOKEN, token);
	}

	/** Member told the gateway (on a refresh answer) that this member's refresh token was stolen. */
	static void stolenSessionsOf(ServerWebExchange exchange, String memberId) {
		exchange.getAttributes().put(STOLEN_SESSIONS_OF, memberId);
	}

	static @Nullable String stolenSessionsOf(ServerWebExchange exchange) {
		return exchange.getAttribute(STOLEN_SESSIONS_OF);
	}

	/** The verified, unrevoked access token; null for an anonymous request. */
	static @Nullable AccessToken token(ServerWebExchange exchange) {
		return exchange.getAttribute(TOKEN);
	}

}
