package io.chorus.member.domain;

import java.time.Duration;

import io.chorus.member.store.AttemptLimiter;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Failed-login and signup limits. Failed logins count per account (keyed by a hash of the
 * submitted email, so unknown emails behave exactly like known ones) and per client IP. A locked
 * account is refused before its password is looked at. Only a successful login resets the
 * account counter; the IP counter just runs out with its window, so an attacker cannot clear it
 * by signing in to an account of their own.
 */
public final class Throttles {

	private final AttemptLimiter limiter;

	private final String prefix;

	private final Limits limits;

	public Throttles(AttemptLimiter limiter, String keyPrefix, Limits limits) {
		this.limiter = limiter;
		this.prefix = keyPrefix + "member:";
		this.limits = limits;
	}

	/** Completes if a login may be tried; otherwise a 429 problem with {@code Retry-After}. */
	public Mono<Void> checkLogin(String email, String ip) {
		return this.limiter.peek(accountKey(email))
			.zipWith(this.limiter.peek(ipKey(ip)))
			.flatMap((counts) -> {
				if (counts.getT1().value() >= this.limits.accountFailures()) {
					return Mono.error(tooMany(counts.getT1()));
				}
				if (counts.getT2().value() >= this.limits.ipFailures()) {
					return Mono.error(tooMany(counts.getT2()));
				}
				return Mono.empty();
			});
	}

	public Mono<Void> loginFailed(String email, String ip) {
		return this.limiter.increment(accountKey(email), this.limits.loginWindow())
			.then(this.limiter.increment(ipKey(ip), this.limits.loginWindow()))
			.then();
	}

	public Mono<Void> loginSucceeded(String email) {
		return this.limiter.reset(accountKey(email));
	}

	/** Counts a signup attempt from {@code ip}; a 429 problem once the window's quota is used. */
	public Mono<Void> signupAttempt(String ip) {
		return this.limiter.increment(this.prefix + "signup:ip:" + ip, this.limits.signupWindow())
			.flatMap((count) -> (count.value() > this.limits.signupsPerIp()) ? Mono.error(tooMany(count)) : Mono.empty());
	}

	private String accountKey(String email) {
		return this.prefix + "login:fail:account:" + Sha256.hex(email);
	}

	private String ipKey(String ip) {
		return this.prefix + "login:fail:ip:" + ip;
	}

	private static ProblemException tooMany(AttemptLimiter.Count count) {
		return ProblemException.of(HttpStatus.TOO_MANY_REQUESTS)
			.detail("Too many attempts; try again later.")
			.header(HttpHeaders.RETRY_AFTER, Long.toString(count.retryAfterSeconds()))
			.build();
	}

	/** The configured limits. */
	public record Limits(int accountFailures, int ipFailures, Duration loginWindow, int signupsPerIp,
			Duration signupWindow) {
	}

}
