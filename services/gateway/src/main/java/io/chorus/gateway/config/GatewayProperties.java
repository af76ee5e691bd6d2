package io.chorus.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the edge is configured with ({@code chorus.gateway.*}).
 *
 * @param services       downstream base URIs by service name ({@code services.member.uri}, ...)
 * @param jwksUri        member's JWKS endpoint
 * @param tokens         what an access token must look like
 * @param jwks           how member's keys are cached
 * @param passport       the gateway's passport key and lifetime
 * @param redis          timeouts of the gateway's own Redis calls
 * @param rateLimit      token buckets per class of caller
 * @param cors           browser origins allowed to call the API
 * @param body           request body size limits
 * @param trustedProxies CIDRs of proxies whose {@code X-Forwarded-For} is believed (none by default)
 */
@ConfigurationProperties("chorus.gateway")
public record GatewayProperties(Map<String, Service> services,
		@DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwksUri, @DefaultValue Tokens tokens,
		@DefaultValue Jwks jwks, @DefaultValue Passport passport, @DefaultValue Redis redis,
		@DefaultValue RateLimits rateLimit, @DefaultValue Cors cors, @DefaultValue Body body,
		@DefaultValue List<String> trustedProxies) {

	/** The services the routes need; a missing one fails startup instead of a request. */
	public static final List<String> SERVICE_NAMES = List.of("member", "content", "timeline", "music", "chart",
			"activity", "search", "chat", "web");

	public GatewayProperties {
		services = Map.copyOf(services);
		for (String name : SERVICE_NAMES) {
			if (!services.containsKey(name)) {
				throw new IllegalArgumentException("chorus.gateway.services." + name + ".uri is not set");
			}
		}
	}

	public URI serviceUri(String name) {
		return this.services.get(name).uri();
	}

	/** @param uri the service's base URI, e.g. {@code http://member:8080} */
	public record Service(URI uri) {
	}

	/**
	 * @param issuer               the only accepted {@code iss}
	 * @param cacheSize            verified tokens kept (until their {@code exp}) so a repeat skips
	 *                             the signature check; 0 verifies every request in full
	 * @param algorithms           allowed signature algorithms (ES256, RS256)
	 * @param clockSkew            tolerated clock drift
	 * @param lifetime             member's access token lifetime: longer-lived tokens are refused
	 * @param ignoredOn            paths where a presented bearer token is dropped unread, so a
	 *                             client holding an expired token can still log in or refresh
	 * @param forwardAuthorization whether the raw bearer token also goes downstream (services
	 *                             identify members by the passport, so by default it does not)
	 */
	public record Tokens(@DefaultValue("chorus-member") String issuer,
			@DefaultValue({ "ES256", "RS256" }) Set<String> algorithms, @DefaultValue("30s") Duration clockSkew,
			@DefaultValue("15m") Duration lifetime,
			@DefaultValue({ "/api/auth/login", "/api/auth/signup", "/api/auth/refresh" }) List<String> ignoredOn,
			@DefaultValue("false") boolean forwardAuthorization, @DefaultValue("50000") int cacheSize) {

		public Tokens {
			if (cacheSize < 0) {
				throw new IllegalArgumentException("chorus.gateway.tokens.cache-size must be 0 or more");
			}
		}

	}

	/**
	 * @param cacheTtl           after this, cached keys are refreshed in the background
	 * @param minRefetchInterval at most one fetch per interval, however many unknown kids arrive
	 * @param fetchTimeout       how long one JWKS fetch may take
	 * @param maxStaleness       keys not refreshed for this long (member unreachable) are dropped:
	 *                           tokens get 503 until member answers again, instead of a withdrawn
	 *                           key staying trusted indefinitely
	 */
	public record Jwks(@DefaultValue("5m") Duration cacheTtl, @DefaultValue("10s") Duration minRefetchInterval,
			@DefaultValue("2s") Duration fetchTimeout, @DefaultValue("1h") Duration maxStaleness) {
	}

	/**
	 * @param privateJwk           private EC P-256 JWK (JSON), normally from the env var
	 *                             {@code CHORUS_GATEWAY_PASSPORT_KEY}; blank: generated at start
	 * @param additionalPublicJwks JWK set of extra public keys to publish during a key rotation
	 * @param lifetime             passport lifetime ({@code exp - iat}), at most 60 s
	 * @param reuse                whether one passport per member (and handle and roles) is reused
	 *                             for up to 2/3 of its lifetime instead of signing one per request
	 * @param cacheSize            how many members' passports are kept for reuse
	 */
	public record Passport(@Nullable String privateJwk, @Nullable String additionalPublicJwks,
			@DefaultValue("30s") Duration lifetime, @DefaultValue("true") boolean reuse,
			@DefaultValue("50000") int cacheSize) {
	}

	/**
	 * @param timeout           budget of a shared (auth) rate-limit call; past it, fail open
	 * @param writeTimeout      budget of a revocation write after logout; past it the mark is kept
	 *                          and written again at the next reconciliation
	 * @param connectTimeout    TCP connect timeout to Redis
	 * @param reconcileInterval how often each replica re-reads every revocation mark from Redis
	 *                          (catching up on pub/sub messages missed while disconnected)
	 */
	public record Redis(@DefaultValue("200ms") Duration timeout, @DefaultValue("1s") Duration writeTimeout,
			@DefaultValue("1s") Duration connectTimeout, @DefaultValue("30s") Duration reconcileInterval) {
	}

	/**
	 * @param enabled   whether requests are rate-limited at all
	 * @param anonymous bucket per client address for requests without a token
	 * @param member    bucket per member for authenticated requests
	 * @param auth      the stricter bucket for {@code /api/auth/**} (per member, else per address),
	 *                  shared by every replica through Redis
	 * @param maxBuckets how many callers' local buckets (anonymous, member) one replica keeps
	 */
	public record RateLimits(@DefaultValue("true") boolean enabled, @Nullable Bucket anonymous,
			@Nullable Bucket member, @Nullable Bucket auth, @DefaultValue("100000") int maxBuckets) {

		public RateLimits {
			if (enabled && (anonymous == null || member == null || auth == null)) {
				throw new IllegalArgumentException(
						"chorus.gateway.rate-limit.{anonymous,member,auth}.{capacity,refill-per-second} must be set");
			}
		}

	}

	/**
	 * @param capacity        burst size
	 * @param refillPerSecond sustained requests per second (fractions allowed)
	 */
	public record Bucket(int capacity, double refillPerSecond) {
	}

	/**
	 * @param allowedOrigins exact origins (scheme://host[:port]) allowed, with credentials
	 * @param maxAge         how long browsers may cache a preflight answer
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
	}

	/**
	 * @param maxSize       largest request body in general
	 * @param uploadMaxSize largest body for {@code POST /api/tracks} (multipart uploads)
	 * @param imageMaxSize  largest body for {@code POST /api/images} (avatars, covers; music's own
	 *                      limit is 10 MB of image plus the multipart framing)
	 */
	public record Body(@DefaultValue("1MB") DataSize maxSize, @DefaultValue("200MB") DataSize uploadMaxSize,
			@DefaultValue("11MB") DataSize imageMaxSize) {
	}

}
