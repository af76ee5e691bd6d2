package io.chorus.gateway.config;

import java.net.URI;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * The public API surface, one route per service slice. Paths are forwarded unchanged. Posts are
 * split by method: writes to content, reads to timeline (the same split the Istio VirtualService
 * makes in cluster mode). WebSocket upgrades on {@code /ws/**} switch to {@code ws://} automatically.
 * Every other path is the web client's (its pages and assets, so UI and API share one origin), at
 * the lowest priority; unlisted {@code /api/**}, {@code /.well-known/**} (member's JWKS stays
 * internal) and {@code /internal/**} are not sent there and stay unrouted (404).
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	/** Uploads stream large bodies; give them longer than the global response timeout. */
	static final int UPLOAD_RESPONSE_TIMEOUT_MS = 120_000;

	/** Search may run longer than ordinary reads. */
	static final int SEARCH_RESPONSE_TIMEOUT_MS = 15_000;

	@Bean
	RouteLocator chorusRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
		URI member = properties.serviceUri("member");
		URI content = properties.serviceUri("content");
		URI timeline = properties.serviceUri("timeline");
		URI music = properties.serviceUri("music");
		return builder.routes()
			.route("member", (r) -> r.path("/api/auth/**", "/api/members/**").uri(member))
			.route("content-posts", (r) -> r.method(POST, PUT, PATCH, DELETE).and().path("/api/posts/**").uri(content))
			.route("content-comments", (r) -> r.path("/api/comments/**").uri(content))
			.route("timeline-posts", (r) -> r.method(GET, HEAD).and().path("/api/posts/**").uri(timeline))
			.route("timeline", (r) -> r.path("/api/timeline/**").uri(timeline))
			.route("music-upload", (r) -> r.order(-1)
				.method(POST)
				.and()
				.path("/api/tracks")
				.metadata(RESPONSE_TIMEOUT_ATTR, UPLOAD_RESPONSE_TIMEOUT_MS)
				.uri(music))
			.route("music-image-upload", (r) -> r.order(-1)
				.method(POST)
				.and()
				.path("/api/images")
				.metadata(RESPONSE_TIMEOUT_ATTR, UPLOAD_RESPONSE_TIMEOUT_MS)
				.uri(music))
			.route("music", (r) -> r.path("/api/artists/**", "/api/tracks/**", "/api/playlists/**",
					"/api/me/recent-tracks", "/api/images/**")
				.uri(music))
			.route("chart", (r) -> r.path("/api/charts/**").uri(properties.serviceUri("chart")))
			.route("activity", (r) -> r.path("/api/activity/**").uri(properties.serviceUri("activity")))
			.route("search", (r) -> r.path("/api/search/**")
				.metadata(RESPONSE_TIMEOUT_ATTR, SEARCH_RESPONSE_TIMEOUT_MS)
				.uri(properties.serviceUri("search")))
			.route("chat", (r) -> r.path("/api/chat/**", "/ws/**").uri(properties.serviceUri("chat")))
			.route("web", (r) -> r.order(Ordered.LOWEST_PRECEDENCE)
				.method(GET, HEAD)
				.and()
				.not((p) -> p.path("/api/**", "/ws/**", "/.well-known/**", "/internal/**"))
				.uri(properties.serviceUri("web")))
			.build();
	}

}
