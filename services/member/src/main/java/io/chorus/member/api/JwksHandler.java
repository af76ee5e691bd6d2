package io.chorus.member.api;

import java.time.Duration;

import io.chorus.member.domain.SigningKeyRing;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /.well-known/jwks.json}: public keys only, the current signing key first (the
 * gateway flags tokens signed by any later key as "refresh needed"). Cached briefly so a new key
 * reaches verifiers within a minute.
 */
final class JwksHandler {

	static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

	private final SigningKeyRing keys;

	JwksHandler(SigningKeyRing keys) {
		this.keys = keys;
	}

	Mono<ServerResponse> jwks(ServerRequest request) {
		return this.keys.jwks()
			.flatMap((set) -> ServerResponse.ok()
				.contentType(JWK_SET)
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.bodyValue(set.toString(true)))
			// e.g. the database is unreachable: verifiers keep their cached keys and retry
			.onErrorMap((ex) -> !(ex instanceof ProblemException), (ex) -> ProblemException
				.of(HttpStatus.SERVICE_UNAVAILABLE)
				.detail("Signing keys are unavailable right now.")
				.header(HttpHeaders.RETRY_AFTER, "5")
				.cause(ex)
				.build());
	}

}
