package io.chorus.gateway.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway is the only CORS authority: an allow-list of exact origins, credentials only for
 * them, and the headers the web client must read exposed. Runs before authentication, so a
 * browser can read the 401/429 answers (and their hint headers) too. A refused origin gets a 403
 * problem; a preflight is answered here and never routed.
 */
public final class CorsFilter implements WebFilter, Ordered {

	public static final int ORDER = InboundHeadersFilter.ORDER + 10;

	static final List<String> EXPOSED = List.of(EdgeProblems.REFRESH_NEEDED, EdgeProblems.RELOGIN_REQUIRED,
			InboundHeadersFilter.TRACE_ID, HttpHeaders.RETRY_AFTER, EdgeProblems.RATE_LIMIT_REMAINING,
			HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.CONTENT_RANGE, HttpHeaders.ACCEPT_RANGES);

	private final EdgeScope scope;

	private final Supplier<CorsConfiguration> configuration;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// The filter answers with a problem instead of an empty 403.
		}
	};

	public CorsFilter(EdgeScope scope, List<String> allowedOrigins, Duration maxAge) {
		this(scope, constant(configuration(allowedOrigins, maxAge)));
	}

	/** @param configuration read on every request, so a reloaded allow-list applies at once */
	public CorsFilter(EdgeScope scope, Supplier<CorsConfiguration> configuration) {
		this.scope = scope;
		this.configuration = configuration;
	}

	private static Supplier<CorsConfiguration> constant(CorsConfiguration configuration) {
		return () -> configuration;
	}

	/** The edge's CORS rules for an allow-list of exact origins; {@code *} is refused. */
	public static CorsConfiguration configuration(List<String> allowedOrigins, Duration maxAge) {
		if (allowedOrigins.contains("*")) {
			throw new IllegalArgumentException("chorus.gateway.cors.allowed-origins must list origins, not '*'");
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.copyOf(allowedOrigins));
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.RANGE, HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MATCH,
				"traceparent", "tracestate", "X-Requested-With"));
		cors.setExposedHeaders(EXPOSED);
		cors.setAllowCredentials(true);
		cors.setMaxAge(maxAge);
		return cors;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.scope.applies(exchange) || !CorsUtils.isCorsRequest(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		if (!this.processor.process(this.configuration.get(), exchange)) {
			return Mono.error(EdgeProblems.originNotAllowed());
		}
		return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? exchange.getResponse().setComplete()
				: chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
