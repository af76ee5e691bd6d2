package io.chorus.timeline.api;

import io.chorus.timeline.domain.Timelines;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every route of the service (GETs only: writes go to content). */
@Configuration(proxyBeanMethods = false)
class TimelineRoutes {

	@Bean
	RouterFunction<ServerResponse> timelineRouter(Timelines timelines) {
		TimelineHandler timeline = new TimelineHandler(timelines);
		PostHandler posts = new PostHandler(timelines);
		return route(GET("/api/timeline/home"), timeline::home)
			.andRoute(GET("/api/timeline/members/{id}"), timeline::member)
			.andRoute(GET("/api/timeline/popular"), timeline::popular)
			.andRoute(GET("/api/timeline/most-commented"), timeline::mostCommented)
			.andRoute(GET("/api/posts/{id}"), posts::post)
			.andRoute(GET("/api/posts/{id}/comments"), posts::comments);
	}

}
