package io.chorus.platform.passport;

import java.time.Instant;
import java.util.List;

import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class PassportsTests {

	private static final Passport ADA = new Passport("m-1", "ada", List.of("USER"), "j-1", Instant.EPOCH);

	@Test
	void anonymousHasNoPassport() {
		StepVerifier.create(Passports.current()).verifyComplete();
		StepVerifier.create(Passports.currentToken()).verifyComplete();
	}

	@Test
	void passportFollowsTheReactorContextAcrossThreads() {
		Mono<String> memberOnAnotherThread = Mono.delay(java.time.Duration.ofMillis(1))
			.publishOn(Schedulers.boundedElastic())
			.then(Passports.current())
			.map(Passport::memberId);
		StepVerifier.create(memberOnAnotherThread.contextWrite(Passports.with(ADA, "compact")))
			.expectNext("m-1")
			.verifyComplete();
		StepVerifier.create(Passports.currentToken().contextWrite(Passports.with(ADA, "compact")))
			.expectNext("compact")
			.verifyComplete();
	}

	@Test
	void requireMemberFailsWith401WhenAnonymous() {
		StepVerifier.create(Passports.requireMember()).expectErrorSatisfies((ex) -> {
			assertThat(((ProblemException) ex).status().value()).isEqualTo(401);
			assertThat(((ProblemException) ex).headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
		}).verify();
	}

	@Test
	void requireRoleFailsWith403WithoutTheRole() {
		StepVerifier.create(Passports.requireRole("ADMIN").contextWrite(Passports.with(ADA, "compact")))
			.expectErrorSatisfies((ex) -> assertThat(((ProblemException) ex).status().value()).isEqualTo(403))
			.verify();
		StepVerifier.create(Passports.requireRole("USER").contextWrite(Passports.with(ADA, "compact")))
			.expectNext(ADA)
			.verifyComplete();
	}

	@Test
	void tokenStaysOutOfToString() {
		assertThat(new VerifiedPassport(ADA, "secret.compact.token").toString()).doesNotContain("secret");
	}

}
