package io.chorus.content.api;

import io.chorus.content.domain.Comments;
import io.chorus.content.domain.Posts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Every route of the service, paths as the gateway forwards them. All need a passport (401
 * problem without one). Reads of posts belong to timeline: the gateway sends GET there.
 */
@Configuration(proxyBeanMethods = false)
class ContentRoutes {

	@Bean
	RouterFunction<ServerResponse> contentRouter(Posts posts, Comments comments) {
		PostHandler post = new PostHandler(posts, comments);
		CommentHandler comment = new CommentHandler(comments);
		return route(POST("/api/posts"), post::create)
			.andRoute(PUT("/api/posts/{id}"), post::update)
			.andRoute(DELETE("/api/posts/{id}"), post::delete)
			.andRoute(PUT("/api/posts/{id}/like"), post::like)
			.andRoute(DELETE("/api/posts/{id}/like"), post::unlike)
			.andRoute(POST("/api/posts/{id}/comments"), post::comment)
			.andRoute(PUT("/api/comments/{id}"), comment::update)
			.andRoute(DELETE("/api/comments/{id}"), comment::delete)
			.andRoute(PUT("/api/comments/{id}/like"), comment::like)
			.andRoute(DELETE("/api/comments/{id}/like"), comment::unlike);
	}

}
