package io.chorus.chat.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Runs a short Lua script with EVAL (not EVALSHA: its NOSCRIPT fallback cancels a traced command,
 * see timeline's {@code Lua}); every script here returns an integer.
 */
final class Lua {

	private Lua() {
	}

	static Mono<Long> eval(ReactiveStringRedisTemplate redis, String script, List<String> keys, List<String> args) {
		return redis
			.execute((connection) -> connection.scriptingCommands()
				.<Long>eval(bytes(script), ReturnType.INTEGER, keys.size(),
						Stream.concat(keys.stream(), args.stream()).map(Lua::bytes).toArray(ByteBuffer[]::new)))
			.next()
			.defaultIfEmpty(0L);
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
