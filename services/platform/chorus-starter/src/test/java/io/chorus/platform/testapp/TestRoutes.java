package io.chorus.platform.testapp;

import java.net.URI;
import java.util.Map;

import io.chorus.platform.client.ServiceClients;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.RequestValidator;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Functional routes: passport access, validation, failure, and a call to another service. */
@Configuration(proxyBeanMethods = false)
class TestRoutes {

	@Bean
	RouterFunction<ServerResponse> routes(RequestValidator validator, ServiceClients clients,
			@Value("${testapp.downstream-url}") String downstreamUrl) {
		WebClient downstream = clients.create(downstreamUrl);
		return route().GET("/fn/me", (request) -> Passports.requireMember().flatMap(TestRoutes::ok))
			.GET("/fn/whoami", (request) -> Passports.current()
				.flatMap((passport) -> ServerResponse.ok()
					.bodyValue(Map.of("memberId", passport.memberId(), "attribute",
							Passports.from(request.exchange()).map(Passport::memberId).orElse("none"))))
				.switchIfEmpty(ServerResponse.ok().bodyValue(Map.of("anonymous", true))))
			.GET("/fn/admin", (request) -> Passports.requireRole("ADMIN").flatMap(TestRoutes::ok))
			.POST("/fn/tracks", (request) -> validator.body(request, NewTrack.class)
				.flatMap((track) -> ServerResponse.created(URI.create("/fn/tracks/1")).bodyValue(track)))
			.GET("/fn/boom", (request) -> Mono.error(new IllegalStateException("db password is hunter2")))
			.GET("/fn/proxy/{name}", (request) -> downstream.get()
				.uri("/{name}", request.pathVariable("name"))
				.retrieve()
				.bodyToMono(String.class)
				.flatMap((body) -> ServerResponse.ok().header("Content-Type", "application/json").bodyValue(body)))
			.build();
	}

	private static Mono<ServerResponse> ok(Passport passport) {
		return ServerResponse.ok().bodyValue(passport);
	}

}
