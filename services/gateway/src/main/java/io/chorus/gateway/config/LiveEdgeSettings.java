package io.chorus.gateway.config;

import java.util.Set;
import java.util.function.Supplier;

import io.chorus.gateway.api.CorsFilter;
import io.chorus.gateway.api.RateLimitFilter;
import io.chorus.gateway.domain.RateLimit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The edge settings that change at runtime: the rate-limit buckets and the CORS allow-list.
 * {@link GatewayProperties} is an immutable record bound once at start-up (a refresh cannot
 * rebind it), so these two subtrees are bound here from the {@link Environment} and bound again
 * on every {@link EnvironmentChangeEvent} that touches them (spring-cloud-kubernetes' reload,
 * or any {@code ContextRefresher.refresh()}). The filters read them per request. A new value
 * that does not validate is refused and the previous one kept, so a bad ConfigMap edit never
 * leaves the edge without limits or with {@code *} as an origin.
 */
public final class LiveEdgeSettings implements ApplicationListener<EnvironmentChangeEvent> {

	static final String RATE_LIMIT = "chorus.gateway.rate-limit";

	static final String CORS = "chorus.gateway.cors";

	private static final Logger logger = LoggerFactory.getLogger(LiveEdgeSettings.class);

	private final Environment environment;

	private volatile RateLimitFilter.@Nullable Limits limits;

	private volatile CorsConfiguration cors;

	public LiveEdgeSettings(Environment environment) {
		this.environment = environment;
		this.limits = bindLimits();
		this.cors = bindCors();
	}

	/** The buckets to use now; {@code null} while rate limiting is disabled. */
	public RateLimitFilter.@Nullable Limits limits() {
		return this.limits;
	}

	/** The CORS configuration to apply now. */
	public CorsConfiguration cors() {
		return this.cors;
	}

	public Supplier<RateLimitFilter.@Nullable Limits> limitsSupplier() {
		return this::limits;
	}

	public Supplier<CorsConfiguration> corsSupplier() {
		return this::cors;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		Set<String> keys = event.getKeys();
		if (keys.stream().anyMatch((key) -> key.startsWith(RATE_LIMIT))) {
			rebind("rate limits", () -> this.limits = bindLimits());
		}
		if (keys.stream().anyMatch((key) -> key.startsWith(CORS))) {
			rebind("CORS allow-list", () -> this.cors = bindCors());
		}
	}

	private void rebind(String what, Runnable action) {
		try {
			action.run();
			logger.info("Reloaded the gateway's {}", what);
		}
		catch (RuntimeException ex) {
			logger.error("Refused the new {}, keeping the previous ones: {}", what, ex.getMessage());
		}
	}

	private RateLimitFilter.@Nullable Limits bindLimits() {
		GatewayProperties.RateLimits limits = Binder.get(this.environment)
			.bindOrCreate(RATE_LIMIT, Bindable.of(GatewayProperties.RateLimits.class));
		if (!limits.enabled()) {
			return null;
		}
		return new RateLimitFilter.Limits(bucket(limits.anonymous()), bucket(limits.member()), bucket(limits.auth()));
	}

	private static RateLimit bucket(GatewayProperties.@Nullable Bucket bucket) {
		if (bucket == null) {
			throw new IllegalArgumentException(RATE_LIMIT + ".{anonymous,member,auth} must be set");
		}
		return new RateLimit(bucket.capacity(), bucket.refillPerSecond());
	}

	private CorsConfiguration bindCors() {
		GatewayProperties.Cors cors = Binder.get(this.environment)
			.bindOrCreate(CORS, Bindable.of(GatewayProperties.Cors.class));
		return CorsFilter.configuration(cors.allowedOrigins(), cors.maxAge());
	}

}
