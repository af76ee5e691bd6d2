package io.chorus.chat.live;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Single-use WebSocket tickets: 32 random bytes, stored for the ticket TTL under the member's id and
 * redeemed with GETDEL, so a ticket opens at most one connection and never outlives its TTL. The
 * ticket stands in for the Bearer token that a browser cannot put on an upgrade request.
 */
public final class Tickets {

	private final SecureRandom random;

	private final ReactiveStringRedisTemplate redis;

	private final Keys keys;

	private final Duration ttl;

	public Tickets(ReactiveStringRedisTemplate redis, String keyPrefix, Duration ttl) {
		this.redis = redis;
		this.keys = new Keys(keyPrefix);
		this.ttl = ttl;
		this.random = seeded();
	}

	/**
	 * A DRBG seeded here, at start-up: the platform's default {@code SecureRandom} reads
	 * {@code /dev/urandom} on every call, which is blocking file I/O on an event loop.
	 */
	private static SecureRandom seeded() {
		try {
			SecureRandom drbg = SecureRandom.getInstance("DRBG");
			drbg.nextBytes(new byte[32]);
			return drbg;
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No DRBG SecureRandom", ex);
		}
	}

	public Mono<String> issue(String memberId) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return this.redis.opsForValue().set(this.keys.ticket(ticket), memberId, this.ttl).thenReturn(ticket);
	}

	/** The member the ticket was issued to; empty when unknown, expired or already used. */
	public Mono<String> redeem(String ticket) {
		if (ticket.isEmpty() || ticket.length() > 64) {
			return Mono.empty();
		}
		return this.redis.opsForValue().getAndDelete(this.keys.ticket(ticket));
	}

	public Duration ttl() {
		return this.ttl;
	}

}
