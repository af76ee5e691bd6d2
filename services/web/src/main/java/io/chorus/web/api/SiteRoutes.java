package io.chorus.web.api;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GET/HEAD only. A file of the bundle is served as is; {@code /assets/*} names carry a content
 * hash (Vite), so they are immutable for a year; any other path without a file is a client-side
 * route and gets {@code index.html}, which is never cached (a deploy must be picked up at once).
 * A missing asset or an API path that reached this service is a 404 problem, not the page:
 * a stale chunk must fail loudly instead of parsing HTML as JavaScript.
 */
@Configuration(proxyBeanMethods = false)
class SiteRoutes {

	static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	static final CacheControl REVALIDATE = CacheControl.noCache();

	@Bean
	Bundle webBundle(WebProperties properties) {
		return Bundle.load(properties.location());
	}

	@Bean
	RouterFunction<ServerResponse> bundleRoutes(Bundle bundle) {
		return RouterFunctions.route(RequestPredicates.method(org.springframework.http.HttpMethod.GET)
			.or(RequestPredicates.method(org.springframework.http.HttpMethod.HEAD)), (request) -> serve(bundle, request));
	}

	private static Mono<ServerResponse> serve(Bundle bundle, ServerRequest request) {
		String path = request.path();
		var file = bundle.file(path);
		if (file.isPresent() && !path.equals("/index.html")) {
			return send(request, file.get(), path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
		}
		if (path.startsWith("/assets/") || path.startsWith("/api/") || path.startsWith("/ws/")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such file: " + path);
			problem.setTitle("Not Found");
			return ServerResponse.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.cacheControl(CacheControl.noStore())
				.bodyValue(problem);
		}
		return send(request, bundle.index(), REVALIDATE);
	}

	private static Mono<ServerResponse> send(ServerRequest request, Bundle.File file, CacheControl cache) {
		if (request.headers().header("If-None-Match").contains(file.etag())) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(file.etag()).cacheControl(cache).build();
		}
		return ServerResponse.ok()
			.contentType(file.type())
			.cacheControl(cache)
			.eTag(file.etag())
			.bodyValue(file.bytes());
	}

}
