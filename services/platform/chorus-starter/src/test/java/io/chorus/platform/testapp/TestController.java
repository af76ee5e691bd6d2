package io.chorus.platform.testapp;

import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.ProblemException;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An annotated controller exercising the same behaviours as {@link TestRoutes}. */
@RestController
@RequestMapping("/mvc")
class TestController {

	@GetMapping("/me")
	Mono<Passport> me() {
		return Passports.requireMember();
	}

	@PostMapping(path = "/tracks", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Mono<NewTrack> create(@Valid @RequestBody NewTrack track) {
		return Mono.just(track);
	}

	@GetMapping("/tracks/{id}")
	Mono<String> track(@PathVariable long id) {
		return Mono.just("{\"id\":" + id + "}");
	}

	@GetMapping("/conflict")
	Mono<String> conflict() {
		throw ProblemException.of(HttpStatus.CONFLICT).detail("That handle is taken.").error("handle", "is taken").build();
	}

	@GetMapping("/teapot")
	Mono<String> teapot() {
		return Mono.error(new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "Short and stout."));
	}

	@GetMapping("/boom")
	Mono<String> boom() {
		throw new IllegalArgumentException("SELECT * FROM members WHERE password = 'hunter2'");
	}

}
