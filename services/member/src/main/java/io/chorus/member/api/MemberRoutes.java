package io.chorus.member.api;

import io.chorus.member.config.MemberProperties;
import io.chorus.member.domain.Accounts;
import io.chorus.member.domain.Follows;
import io.chorus.member.domain.Profiles;
import io.chorus.member.domain.Sessions;
import io.chorus.member.domain.SigningKeyRing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Every route of the service. Paths are as the gateway forwards them (it strips nothing).
 * Routes needing a member read the passport and answer 401 without one; the rest are public.
 */
@Configuration(proxyBeanMethods = false)
class MemberRoutes {

	@Bean
	RouterFunction<ServerResponse> memberRouter(Accounts accounts, Sessions sessions, Profiles profiles,
			Follows follows, SigningKeyRing keys, MemberProperties properties) {
		AuthHandler auth = new AuthHandler(accounts, sessions, new ClientIp(properties.clientIp().trustedProxies()));
		ProfileHandler profile = new ProfileHandler(profiles, accounts);
		FollowHandler follow = new FollowHandler(follows);
		JwksHandler jwks = new JwksHandler(keys);
		return route(GET("/.well-known/jwks.json"), jwks::jwks)
			.andRoute(POST("/api/auth/signup"), auth::signup)
			.andRoute(POST("/api/auth/login"), auth::login)
			.andRoute(POST("/api/auth/refresh"), auth::refresh)
			.andRoute(POST("/api/auth/logout"), auth::logout)
			.andRoute(POST("/api/auth/logout-all"), auth::logoutAll)
			.andRoute(GET("/api/members/me"), profile::me)
			.andRoute(PATCH("/api/members/me"), profile::update)
			.andRoute(DELETE("/api/members/me"), profile::deactivate)
			.andRoute(PUT("/api/members/me/handle"), profile::changeHandle)
			.andRoute(POST("/api/members/summaries"), profile::summaries)
			.andRoute(GET("/api/members/recommendations"), follow::recommendations)
			.andRoute(GET("/api/members/@{handle}"), profile::byHandle)
			.andRoute(PUT("/api/members/{id}/follow"), follow::follow)
			.andRoute(DELETE("/api/members/{id}/follow"), follow::unfollow)
			.andRoute(GET("/api/members/{id}/followers"), follow::followers)
			.andRoute(GET("/api/members/{id}/followings"), follow::followings)
			.andRoute(GET("/api/members/{id}"), profile::byId);
	}

}
