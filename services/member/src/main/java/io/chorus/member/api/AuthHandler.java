package io.chorus.member.api;

import java.net.URI;

import io.chorus.member.api.Bodies.LoginRequest;
import io.chorus.member.api.Bodies.OwnProfile;
import io.chorus.member.api.Bodies.SignupRequest;
import io.chorus.member.api.Bodies.TokenResponse;
import io.chorus.member.domain.Accounts;
import io.chorus.member.domain.Session;
import io.chorus.member.domain.Sessions;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.passport.Passports;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code /api/auth/*}: signup, login, refresh, logout, logout-all. */
final class AuthHandler {

	private final Accounts accounts;

	private final Sessions sessions;

	private final ClientIp clientIp;

	AuthHandler(Accounts accounts, Sessions sessions, ClientIp clientIp) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.clientIp = clientIp;
	}

	Mono<ServerResponse> signup(ServerRequest request) {
		return body(request, SignupRequest.class)
			.flatMap((body) -> this.accounts.signup(body.email(), body.password(), body.handle(), body.displayName(),
					this.clientIp.of(request)))
			.flatMap((member) -> ServerResponse.created(URI.create("/api/members/" + member.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(OwnProfile.of(member)));
	}

	Mono<ServerResponse> login(ServerRequest request) {
		return body(request, LoginRequest.class)
			.flatMap((body) -> this.accounts.login(body.email(), body.password(), this.clientIp.of(request)))
			.flatMap(AuthHandler::sessionResponse);
	}

	/** Uses the refresh cookie only; the (possibly expired) access token is never read here. */
	Mono<ServerResponse> refresh(ServerRequest request) {
		String token = RefreshCookie.read(request);
		if (token == null) {
			return Mono.error(Sessions.reloginRequired());
		}
		return this.sessions.refresh(token).flatMap(AuthHandler::sessionResponse);
	}

	Mono<ServerResponse> logout(ServerRequest request) {
		String token = RefreshCookie.read(request);
		Mono<Void> revoke = (token != null) ? this.sessions.logout(token) : Mono.empty();
		return revoke.then(ServerResponse.noContent().cookie(RefreshCookie.clear()).build());
	}

	Mono<ServerResponse> logoutAll(ServerRequest request) {
		return Passports.requireMember()
			.map(Passport::memberId)
			.flatMap(this.sessions::logoutAll)
			.then(ServerResponse.noContent().cookie(RefreshCookie.clear()).build());
	}

	private static Mono<ServerResponse> sessionResponse(Session session) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.cookie(RefreshCookie.set(session.refreshToken(), session.refreshTokenLifetime()))
			.bodyValue(TokenResponse.of(session));
	}

	static <T> Mono<T> body(ServerRequest request, Class<T> type) {
		return request.bodyToMono(type)
			.switchIfEmpty(Mono.error(() -> ProblemException.badRequest("A JSON request body is required.")));
	}

}
