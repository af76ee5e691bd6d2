package io.chorus.search.api;

import io.chorus.search.domain.Searches;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every route of the service, as the gateway forwards them (public, read-only). */
@Configuration(proxyBeanMethods = false)
class SearchRoutes {

	@Bean
	RouterFunction<ServerResponse> searchRouter(Searches searches) {
		SearchHandler handler = new SearchHandler(searches);
		return route(GET("/api/search/autocomplete"), handler::autocomplete).andRoute(GET("/api/search"),
				handler::search);
	}

}
