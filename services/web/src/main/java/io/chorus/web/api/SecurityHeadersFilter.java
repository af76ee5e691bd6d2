package io.chorus.web.api;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A strict Content-Security-Policy on every answer: only this origin's scripts and styles (the
 * bundle has no inline script or style), images and audio from this origin (the API shares it
 * through the gateway) plus blob: for local previews, fetch/WebSocket to this origin only, no
 * framing, no plugins.
 */
@Component
class SecurityHeadersFilter implements WebFilter {

	static final String CSP = String.join("; ",
			"default-src 'self'",
			"script-src 'self'",
			"style-src 'self'",
			"img-src 'self' data: blob:",
			"media-src 'self' blob:",
			"connect-src 'self'",
			"font-src 'self'",
			"object-src 'none'",
			"base-uri 'none'",
			"form-action 'self'",
			"frame-ancestors 'none'");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("Content-Security-Policy", CSP);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Referrer-Policy", "same-origin");
		headers.set("Cross-Origin-Opener-Policy", "same-origin");
		return chain.filter(exchange);
	}

}
