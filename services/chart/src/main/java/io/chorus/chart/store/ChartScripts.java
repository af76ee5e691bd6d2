package io.chorus.chart.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts, read from the classpath once at start-up (never on an event loop). Spring
 * runs them with {@code EVALSHA}, falling back to {@code EVAL} once per script and server.
 */
final class ChartScripts {

	final RedisScript<Long> play;

	final RedisScript<String> chart;

	final RedisScript<Long> snapshot;

	final RedisScript<Long> track;

	final RedisScript<Long> trackDeleted;

	final RedisScript<Long> artist;

	final RedisScript<Long> page;

	ChartScripts() {
		String materialize = read("materialize");
		this.play = RedisScript.of(read("play"), Long.class);
		this.chart = RedisScript.of(materialize + "\n" + read("chart"), String.class);
		this.snapshot = RedisScript.of(materialize + "\n" + read("snapshot"), Long.class);
		this.track = RedisScript.of(read("track"), Long.class);
		this.trackDeleted = RedisScript.of(read("track-deleted"), Long.class);
		this.artist = RedisScript.of(read("artist"), Long.class);
		this.page = RedisScript.of(read("page"), Long.class);
	}

	private static String read(String name) {
		try (InputStream in = new ClassPathResource("scripts/" + name + ".lua").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script " + name, ex);
		}
	}

}
