package io.chorus.platform.stores;

import java.util.Set;

/**
 * Tells an infrastructure failure (a store or broker unreachable, too slow, a connection lost)
 * from a failure of the work itself. The first says nothing about the request or event: a request
 * gets 503 with {@code Retry-After}, a consumer waits and retries the same record. Anything else
 * is the caller's or the code's problem (4xx, 500, dead letter).
 *
 * <p>Matched by class name anywhere in the cause chain and its superclasses, so the starter needs
 * none of the store drivers on its class path.
 */
public final class Outages {

	private static final Set<String> OUTAGE_TYPES = Set.of(
			// Spring's translations (Redis, R2DBC, Mongo all map into these)
			"org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.TransientDataAccessException",
			"org.springframework.data.redis.RedisSystemException",
			// drivers, when untranslated
			"io.lettuce.core.RedisConnectionException", "io.lettuce.core.RedisCommandTimeoutException",
			// Lettuce's own "Currently not connected. Commands are rejected." (its subclasses for
			// server errors are excluded below)
			"io.lettuce.core.RedisException",
			"io.r2dbc.spi.R2dbcTransientException", "io.r2dbc.spi.R2dbcNonTransientResourceException",
			"com.mongodb.MongoSocketException", "com.mongodb.MongoTimeoutException",
			"com.mongodb.MongoExecutionTimeoutException", "com.mongodb.MongoOperationTimeoutException",
			// transports and Reactor's timeout()
			"java.util.concurrent.TimeoutException", "java.net.ConnectException",
			"java.nio.channels.ClosedChannelException", "io.netty.channel.ConnectTimeoutException");

	private static final Set<String> NOT_OUTAGE_CAUSES = Set.of(
			// a Redis script or command error is a bug, whatever Spring wraps it in
			"io.lettuce.core.RedisCommandExecutionException");

	private Outages() {
	}

	/** Whether {@code failure} means a store or broker could not be used right now. */
	public static boolean isOutage(Throwable failure) {
		int depth = 0;
		boolean outage = false;
		for (Throwable current = failure; current != null && depth < 32; current = current.getCause(), depth++) {
			for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
				if (NOT_OUTAGE_CAUSES.contains(type.getName())) {
					return false;
				}
				if (OUTAGE_TYPES.contains(type.getName())) {
					outage = true;
				}
			}
		}
		return outage;
	}

}
