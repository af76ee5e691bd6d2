package io.chorus.gateway.api;

import java.util.function.Supplier;

import io.chorus.gateway.domain.AccessToken;
import io.chorus.gateway.domain.RateLimit;
import io.chorus.gateway.domain.TrustedProxies.ClientAddress;
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
 * {@code /api/auth/**} draws from a separate, stricter bucket (credential guessing, sign-up
 * floods). Over the limit: 429 problem with {@code Retry-After}; every limited response carries
 * {@code X-RateLimit-Remaining}. Fails open when Redis cannot answer in time.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

	public static final int ORDER = AuthenticationFilter.ORDER + 10;

	private static final String AUTH_PREFIX = "/api/auth/";

	private final EdgeScope scope;

	private final TokenBucketRateLimiter limiter;

	private final RedisKeys keys;

	private final Supplier<@Nullable Limits> limits;

	public RateLimitFilter(EdgeScope scope, TokenBucketRateLimiter limiter, RedisKeys keys, RateLimit anonymous,
			RateLimit member, RateLimit auth) {
		this(scope, limiter, keys, fixed(new Limits(anonymous, member, auth)));
	}

	private static Supplier<@Nullable Limits> fixed(Limits limits) {
		return () -> limits;
	}

	/** @param limits read on every request (so reloaded buckets apply at once); {@code null}: no limiting */
	public RateLimitFilter(EdgeScope scope, TokenBucketRateLimiter limiter, RedisKeys keys,
			Supplier<@Nullable Limits> limits) {
		this.scope = scope;
		this.limiter = limiter;
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
		RateLimit limit = authPath ? limits.auth() : (token != null) ? limits.member() : limits.anonymous();
		return this.limiter.consume(this.keys.rateLimit(authPath, kind, id), limit).flatMap((decision) -> {
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
		});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
