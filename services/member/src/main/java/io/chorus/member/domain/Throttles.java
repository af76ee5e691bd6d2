package io.chorus.member.domain;

import java.time.Duration;

import io.chorus.member.store.AttemptLimiter;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Login and signup limits.
 *
 * <p>Every login attempt is counted <em>before</em> its password is checked (an atomic increment
 * whose result decides), so parallel guesses cannot all slip past a check made before any of them
 * was counted; a successful login takes its attempt back. Two counters:
 * <ul>
 * <li>per account and client address (the account keyed by a hash of the submitted email, so
 * unknown emails behave exactly like known ones): the lockout. Per address too, so nobody can lock
 * a member out from elsewhere, and many members behind one address do not lock each other out;</li>
 * <li>per client address across accounts: stops spraying many accounts from one address. Only
 * failures stay counted, and it runs out with its window.</li>
 * </ul>
 * A success resets the account+address counter. A locked pair is refused with 429 before any
 * password work.
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

	/**
	 * Counts a login attempt of {@code email} from {@code ip}; completes if it may go on to the
	 * password check, else a 429 problem with {@code Retry-After}.
	 */
	public Mono<Void> loginAttempt(String email, String ip) {
		return this.limiter.increment(accountKey(email, ip), this.limits.loginWindow())
			.zipWith(this.limiter.increment(ipKey(ip), this.limits.loginWindow()))
			.flatMap((counts) -> {
				if (counts.getT1().value() > this.limits.accountFailures()) {
					return Mono.error(tooMany(counts.getT1()));
				}
				if (counts.getT2().value() > this.limits.ipFailures()) {
					return Mono.error(tooMany(counts.getT2()));
				}
				return Mono.empty();
			});
	}

	/** The attempt was right: it no longer counts, and the account+address counter starts over. */
	public Mono<Void> loginSucceeded(String email, String ip) {
		return this.limiter.reset(accountKey(email, ip)).then(this.limiter.decrement(ipKey(ip)));
	}

	/** Counts a signup attempt from {@code ip}; a 429 problem once the window's quota is used. */
	public Mono<Void> signupAttempt(String ip) {
		return this.limiter.increment(this.prefix + "signup:ip:" + ip, this.limits.signupWindow())
			.flatMap((count) -> (count.value() > this.limits.signupsPerIp()) ? Mono.error(tooMany(count)) : Mono.empty());
	}

	private String accountKey(String email, String ip) {
		return this.prefix + "login:fail:account:" + Sha256.hex(email) + ":" + ip;
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
