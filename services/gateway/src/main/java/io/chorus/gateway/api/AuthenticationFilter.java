package io.chorus.gateway.api;

import java.util.List;
import java.util.Locale;

import io.chorus.gateway.domain.AccessToken;
import io.chorus.gateway.domain.AccessTokenVerifier;
import io.chorus.gateway.domain.PassportMinter;
import io.chorus.gateway.domain.TokenRejectedException;
import io.chorus.gateway.domain.TokenRejectedException.Reason;
import io.chorus.gateway.store.RevocationStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Turns a bearer token into a passport. No token: the request goes on anonymously (services decide
 * with their own checks). A token: it must verify and not be revoked, on public routes too — a
 * present but bad token is always a 401. Then a fresh passport replaces it on the way downstream.
 * On the credential-exchange paths (login, signup, refresh) a presented token is dropped unread, so
 * a client holding an expired one can still get a new one.
 */
public final class AuthenticationFilter implements WebFilter, Ordered {

	public static final int ORDER = BodySizeFilter.ORDER + 10;

	private static final String BEARER = "bearer ";

	private final EdgeScope scope;

	private final AccessTokenVerifier verifier;

	private final RevocationStore revocations;

	private final PassportMinter passports;

	private final LogoutRevocations logouts;

	private final List<String> ignoredOn;

	private final boolean forwardAuthorization;

	private final MeterRegistry meters;

	public AuthenticationFilter(EdgeScope scope, AccessTokenVerifier verifier, RevocationStore revocations,
			PassportMinter passports, LogoutRevocations logouts, List<String> ignoredOn, boolean forwardAuthorization,
			MeterRegistry meters) {
		this.scope = scope;
		this.verifier = verifier;
		this.revocations = revocations;
		this.passports = passports;
		this.logouts = logouts;
		this.ignoredOn = List.copyOf(ignoredOn);
		this.forwardAuthorization = forwardAuthorization;
		this.meters = meters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.scope.applies(exchange)) {
			return chain.filter(exchange);
		}
		this.logouts.registerTheftSignal(exchange);
		ServerHttpRequest request = exchange.getRequest();
		List<String> authorization = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (authorization.isEmpty()) {
			return chain.filter(exchange);
		}
		if (this.ignoredOn.contains(request.getPath().value())) {
			return chain.filter(withoutAuthorization(exchange));
		}
		String compact = bearer(authorization);
		if (compact == null) {
			return reject(new TokenRejectedException(Reason.INVALID, "not a single bearer token"));
		}
		return this.verifier.verify(compact)
			.flatMap((token) -> this.revocations.isRevoked(token)
					? Mono.error(new TokenRejectedException(Reason.REVOKED, "revoked")) : Mono.just(token))
			.onErrorResume(TokenRejectedException.class, this::reject)
			.flatMap((token) -> proceed(exchange, chain, token));
	}

	private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, AccessToken token) {
		if (this.logouts.refused(exchange)) {
			return Mono.error(EdgeProblems.revocationUnavailable());
		}
		EdgeAttributes.token(exchange, token);
		String passport = this.passports.mint(token);
		ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> {
			if (!this.forwardAuthorization) {
				headers.remove(HttpHeaders.AUTHORIZATION);
			}
			headers.set(PassportMinter.HEADER, passport);
		}).build();
		ServerWebExchange mutated = exchange.mutate().request(request).build();
		if (token.retiredKey()) {
			mutated.getResponse().beforeCommit(() -> {
				mutated.getResponse().getHeaders().set(EdgeProblems.REFRESH_NEEDED, "true");
				return Mono.empty();
			});
		}
		this.logouts.register(mutated, token);
		return chain.filter(mutated);
	}

	private <T> Mono<T> reject(TokenRejectedException rejection) {
		this.meters.counter("chorus.gateway.tokens.rejected", "reason", rejection.reason().name().toLowerCase(Locale.ROOT))
			.increment();
		return Mono.error(EdgeProblems.rejected(rejection));
	}

	private static ServerWebExchange withoutAuthorization(ServerWebExchange exchange) {
		return exchange.mutate()
			.request(exchange.getRequest().mutate().headers((headers) -> headers.remove(HttpHeaders.AUTHORIZATION)).build())
			.build();
	}

	/** The token of a single {@code Authorization: Bearer <token>} header, else null. */
	static @Nullable String bearer(List<String> authorization) {
		if (authorization.size() != 1) {
			return null;
		}
		String value = authorization.get(0).strip();
		if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = value.substring(BEARER.length()).strip();
		return (token.isEmpty() || token.contains(" ")) ? null : token;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
