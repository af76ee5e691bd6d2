package io.chorus.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.chorus.gateway.domain.RateLimit;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Redis token buckets: one atomic Lua script per request (EVALSHA, falling back to EVAL once
 * after a Redis restart forgot the script). Fails OPEN when Redis errs or is slow (see
 * {@link FailOpen}).
 */
public final class TokenBucketRateLimiter {

	private final GatewayRedis redis;

	private final FailOpen failOpen;

	private final Duration timeout;

	private final String script;

	private final String sha;

	public TokenBucketRateLimiter(GatewayRedis redis, FailOpen failOpen, Duration timeout) {
		this.redis = redis;
		this.failOpen = failOpen;
		this.timeout = timeout;
		this.script = load();
		this.sha = sha1(this.script);
	}

	public Mono<RateLimit.Decision> consume(String bucket, RateLimit limit) {
		String[] keys = { bucket };
		String[] args = { Integer.toString(limit.capacity()), Double.toString(limit.refillPerSecond()),
				Long.toString(limit.fullRefill().toMillis() + 1000) };
		return this.redis.commands()
			.flatMap((redis) -> run(redis, keys, args))
			.map(TokenBucketRateLimiter::decision)
			.timeout(this.timeout)
			.onErrorResume((ex) -> {
				this.failOpen.record("rate-limit", ex);
				return Mono.just(RateLimit.Decision.failOpen());
			});
	}

	private Mono<List<Object>> run(RedisReactiveCommands<String, String> redis, String[] keys, String[] args) {
		Flux<Object> result = redis.<Object>evalsha(this.sha, ScriptOutputType.MULTI, keys, args)
			.onErrorResume(RedisNoScriptException.class,
					(ex) -> redis.<Object>eval(this.script, ScriptOutputType.MULTI, keys, args));
		return result.collectList().map(TokenBucketRateLimiter::flatten);
	}

	/** Lettuce emits a MULTI reply either element by element or as one list. */
	@SuppressWarnings("unchecked")
	private static List<Object> flatten(List<Object> reply) {
		return (reply.size() == 1 && reply.get(0) instanceof List<?> inner) ? (List<Object>) inner : reply;
	}

	private static RateLimit.Decision decision(List<Object> reply) {
		long allowed = ((Number) reply.get(0)).longValue();
		long remaining = ((Number) reply.get(1)).longValue();
		long waitMillis = ((Number) reply.get(2)).longValue();
		return new RateLimit.Decision(allowed == 1, Math.max(0, remaining), Duration.ofMillis(waitMillis));
	}

	private static String load() {
		try (InputStream in = TokenBucketRateLimiter.class.getResourceAsStream("token-bucket.lua")) {
			if (in == null) {
				throw new IllegalStateException("token-bucket.lua missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
