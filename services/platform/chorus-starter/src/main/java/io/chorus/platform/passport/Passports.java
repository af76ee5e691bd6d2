package io.chorus.platform.passport;

import java.util.Optional;
import java.util.function.Function;

import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Access to the current request's {@link Passport}. It lives in the Reactor context (never in a
 * ThreadLocal), so read it by composing these Monos into the request's pipeline.
 */
public final class Passports {

	/** The request header the gateway puts the compact passport in. */
	public static final String HEADER = "X-Passport";

	/** Exchange attribute holding the verified {@link Passport} (absent for anonymous requests). */
	public static final String EXCHANGE_ATTRIBUTE = Passport.class.getName();

	private static final Class<VerifiedPassport> CONTEXT_KEY = VerifiedPassport.class;

	private Passports() {
	}

	/** The current passport, or empty for an anonymous request. */
	public static Mono<Passport> current() {
		return currentVerified().map(VerifiedPassport::passport);
	}

	/** The current passport, or a 401 problem if the request is anonymous. */
	public static Mono<Passport> requireMember() {
		return current().switchIfEmpty(Mono.error(Passports::unauthenticated));
	}

	/** The current passport if it carries {@code role}; 401 if anonymous, 403 otherwise. */
	public static Mono<Passport> requireRole(String role) {
		return requireMember().filter((passport) -> passport.hasRole(role))
			.switchIfEmpty(Mono.error(() -> forbidden(role)));
	}

	/**
	 * The compact passport to forward on a service-to-service call, or empty if anonymous. Only
	 * the starter's service client should need this.
	 */
	public static Mono<String> currentToken() {
		return currentVerified().map(VerifiedPassport::token);
	}

	/** The passport of an exchange, for code that holds the exchange rather than the context. */
	public static Optional<Passport> from(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(EXCHANGE_ATTRIBUTE));
	}

	/**
	 * A context write that makes {@code passport} (read from {@code token}) current downstream,
	 * e.g. for work started outside a request on behalf of a member.
	 */
	public static Function<Context, Context> with(Passport passport, String token) {
		VerifiedPassport verified = new VerifiedPassport(passport, token);
		return (context) -> context.put(CONTEXT_KEY, verified);
	}

	private static Mono<VerifiedPassport> currentVerified() {
		return Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty(CONTEXT_KEY)));
	}

	private static ProblemException unauthenticated() {
		return ProblemException.of(HttpStatus.UNAUTHORIZED)
			.detail("This resource needs a signed-in member.")
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.build();
	}

	private static ProblemException forbidden(String role) {
		return ProblemException.of(HttpStatus.FORBIDDEN)
			.detail("This resource needs the role " + role + ".")
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"")
			.build();
	}

}
