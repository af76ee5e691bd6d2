package io.chorus.gateway.api;

import java.util.Locale;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops CORS and trace headers a service might send: the gateway alone decides CORS and sets
 * {@code X-Trace-Id}, and duplicates would make browsers reject the answer. Drops every
 * {@code X-Internal-*} header too (service-to-gateway signals never reach a client), after reading
 * the one member sends when it detects a stolen refresh token ({@link #REVOKE_SESSIONS_OF}).
 */
public final class DownstreamResponseHeaders implements HttpHeadersFilter {

	/** Member's answer to a reused refresh token names the member whose access tokens must go. */
	public static final String REVOKE_SESSIONS_OF = "X-Internal-Revoke-Sessions-Of";

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders filtered = new HttpHeaders();
		input.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (lower.equals("x-internal-revoke-sessions-of") && !values.isEmpty()) {
				EdgeAttributes.stolenSessionsOf(exchange, values.get(0));
			}
			if (!lower.startsWith("access-control-") && !lower.equals("x-trace-id") && !lower.startsWith("x-internal-")) {
				filtered.addAll(name, values);
			}
		});
		return filtered;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.RESPONSE;
	}

}
