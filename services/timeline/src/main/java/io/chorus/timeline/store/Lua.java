package io.chorus.timeline.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Runs a Lua script with EVAL. Not {@code RedisTemplate.execute(RedisScript)}: its EVALSHA →
 * NOSCRIPT → EVAL fallback cancels the failed EVALSHA, and Lettuce's Micrometer tracing throws
 * from that cancel ("Span wasn't started") on a scheduler thread, killing the subscriber. The
 * scripts here are a few hundred bytes, so sending them every time costs little.
 */
final class Lua {

	private Lua() {
	}

	static Mono<Void> eval(ReactiveStringRedisTemplate redis, String script, List<String> keys, List<String> args) {
		return redis.execute((connection) -> connection.scriptingCommands()
			.eval(bytes(script), ReturnType.INTEGER, keys.size(),
					Stream.concat(keys.stream(), args.stream()).map(Lua::bytes).toArray(ByteBuffer[]::new)))
			.then();
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
