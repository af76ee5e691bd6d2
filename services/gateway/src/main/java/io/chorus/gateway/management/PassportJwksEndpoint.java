package io.chorus.gateway.management;

import java.time.Duration;

import io.chorus.gateway.domain.PassportKeys;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Publishes the gateway's public passport keys at {@code GET /internal/passport/jwks.json} on the
 * MANAGEMENT port only (services set {@code chorus.passport.jwks-uri} to it). Loaded into the
 * management child context, never component-scanned into the public one, so the public port has
 * no such route. Needs a management port different from the server port. Only where the parent
 * context is the gateway (the class is on the class path of an in-JVM end-to-end test's other
 * applications too).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(PassportKeys.class)
public class PassportJwksEndpoint {

	public static final String PATH = "/internal/passport/jwks.json";

	@Bean
	RouterFunction<ServerResponse> passportJwks(PassportKeys keys) {
		String json = keys.publicJwkSetJson();
		return RouterFunctions.route()
			.GET(PATH, (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)))
				.bodyValue(json))
			.build();
	}

}
