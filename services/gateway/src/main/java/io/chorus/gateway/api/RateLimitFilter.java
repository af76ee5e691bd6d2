package io.chorus.gateway.api;

import java.util.function.Supplier;

import io.chorus.gateway.domain.AccessToken;
import io.chorus.gateway.domain.RateLimit;
import io.chorus.gateway.domain.TrustedProxies.ClientAddress;
import io.chorus.gateway.store.LocalRateLimiter;
import io.chorus.gateway.store.RedisKeys;
import io.chorus.gateway.store.TokenBucketRateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One token bucket per caller: the member for authenticated requests, else the client address.
 * Those general buckets live in this process ({@link LocalRateLimiter}: no Redis round trip per
 * request; per replica, so approximate across replicas). {@code /api/auth/**} draws from a
 * separate, stricter bucket shared by every replica in Redis (credential guessing, sign-up
 * floods), which fails open when Redis cannot answer in time. Over the limit: 429 problem with
 * {@code Retry-After}; every limited response carries {@code X-RateLimit-Remaining}.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

	public static final int ORDER = AuthenticationFilter.ORDER + 10;

	private static final String AUTH_PREFIX = "/api/auth/";

	private final EdgeScope scope;

	private final LocalRateLimiter local;

	private final TokenBucketRateLimiter shared;

	private final RedisKeys keys;

	private final Supplier<@Nullable Limits> limits;

	/** @param limits read on every request (so reloaded buckets apply at once); {@code null}: no limiting */
	public RateLimitFilter(EdgeScope scope, LocalRateLimiter local, TokenBucketRateLimiter shared, RedisKeys keys,
			Supplier<@Nullable Limits> limits) {
		this.scope = scope;
		this.local = local;
		this.shared = shared;
		this.keys = keys;
		this.limits = limits;
	}

	/**
	 * The buckets per class of caller.
	 * @param anonymous per client address, requests without a token
	 * @param member    per member, authenticated requests
	 * @param auth      {@code /api/auth/**}, per member else per address
	 */
	public record Limits(RateLimit anonymous, RateLimit member, RateLimit auth) {
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Limits limits = this.limits.get();
		if (limits == null || !this.scope.applies(exchange)) {
			return chain.filter(exchange);
		}
		AccessToken token = EdgeAttributes.token(exchange);
		ClientAddress client = EdgeAttributes.client(exchange);
		boolean authPath = exchange.getRequest().getPath().value().startsWith(AUTH_PREFIX);
		String kind = (token != null) ? "member" : "ip";
		String id = (token != null) ? token.memberId() : (client != null) ? client.ip() : "unknown";
		String bucket = this.keys.rateLimit(authPath, kind, id);
		if (authPath) {
			return this.shared.consume(bucket, limits.auth()).flatMap((decision) -> proceed(exchange, chain, decision));
		}
		RateLimit limit = (token != null) ? limits.member() : limits.anonymous();
		return proceed(exchange, chain, this.local.consume(bucket, limit));
	}

	private static Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, RateLimit.Decision decision) {
		if (!decision.allowed()) {
			return Mono.error(EdgeProblems.rateLimited(decision));
		}
		if (decision.remaining() >= 0) {
			exchange.getResponse().beforeCommit(() -> {
				exchange.getResponse()
					.getHeaders()
					.set(EdgeProblems.RATE_LIMIT_REMAINING, Long.toString(decision.remaining()));
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
