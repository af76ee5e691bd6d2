package io.chorus.activity.api;

import io.chorus.activity.config.ActivityProperties;
import io.chorus.activity.domain.Feeds;
import io.chorus.activity.events.ConsumerControl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Every route of the service, as the gateway forwards them. All need a passport. */
@Configuration(proxyBeanMethods = false)
class ActivityRoutes {

	@Bean
	RouterFunction<ServerResponse> activityRouter(Feeds feeds, ConsumerControl control, ActivityProperties properties) {
		FeedHandler feed = new FeedHandler(feeds);
		AdminHandler admin = new AdminHandler(control, properties.topics());
		return route(GET("/api/activity/me"), feed::notifications)
			.andRoute(GET("/api/activity/following"), feed::following)
			.andRoute(POST("/api/activity/admin/dead-letters"), admin::replayDeadLetters)
			.andRoute(POST("/api/activity/admin/rewind"), admin::rewind);
	}

}
