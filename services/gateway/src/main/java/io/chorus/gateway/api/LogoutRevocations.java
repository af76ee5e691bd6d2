package io.chorus.gateway.api;

import io.chorus.gateway.domain.AccessToken;
import io.chorus.gateway.store.RevocationStore;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway revokes access tokens itself when member confirms a session end: after a 2xx to
 * {@code POST /api/auth/logout} the presented token's {@code jti}; after a 2xx to
 * {@code POST /api/auth/logout-all} or {@code DELETE /api/members/me} everything issued to the
 * member until now. Written before the response is committed, so the client cannot reuse the token
 * in the gap between seeing the answer and the mark landing. While Redis is known to be down a
 * session end is refused with 503 before it reaches member ({@link #refused}), so a client is
 * never told it logged out while other replicas would keep accepting its token.
 *
 * <p>A refresh answered with member's {@code X-Internal-Revoke-Sessions-Of} (a refresh token was
 * presented again after rotation: theft) revokes every access token of that member issued until
 * before the current second: the thief's access token dies with the stolen family, the member's
 * other devices simply refresh, and the member can sign in again at once.
 */
public final class LogoutRevocations {

	private final RevocationStore revocations;

	public LogoutRevocations(RevocationStore revocations) {
		this.revocations = revocations;
	}

	/** On {@code POST /api/auth/refresh}: acts on member's theft signal before the answer is committed. */
	void registerTheftSignal(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (!HttpMethod.POST.equals(request.getMethod()) || !"/api/auth/refresh".equals(request.getPath().value())) {
			return;
		}
		exchange.getResponse().beforeCommit(() -> {
			String memberId = EdgeAttributes.stolenSessionsOf(exchange);
			// Earlier seconds only: the member is told to sign in again and must be able to at once.
			return (memberId != null) ? this.revocations.revokeAllIssuedEarlier(memberId) : Mono.empty();
		});
	}

	/** Whether this request ends a session that cannot be revoked everywhere right now. */
	boolean refused(ServerWebExchange exchange) {
		return kind(exchange.getRequest()) != Kind.NONE && !this.revocations.writable();
	}

	void register(ServerWebExchange exchange, AccessToken token) {
		Kind kind = kind(exchange.getRequest());
		if (kind == Kind.NONE) {
			return;
		}
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			HttpStatusCode status = response.getStatusCode();
			if (status == null || !status.is2xxSuccessful()) {
				return Mono.empty();
			}
			return (kind == Kind.TOKEN) ? this.revocations.revoke(token)
					: this.revocations.revokeAllBefore(token.memberId());
		});
	}

	private static Kind kind(ServerHttpRequest request) {
		String path = request.getPath().value();
		HttpMethod method = request.getMethod();
		if (HttpMethod.POST.equals(method) && "/api/auth/logout".equals(path)) {
			return Kind.TOKEN;
		}
		if ((HttpMethod.POST.equals(method) && "/api/auth/logout-all".equals(path))
				|| (HttpMethod.DELETE.equals(method) && "/api/members/me".equals(path))) {
			return Kind.ALL_BEFORE_NOW;
		}
		return Kind.NONE;
	}

	private enum Kind {

		NONE, TOKEN, ALL_BEFORE_NOW

	}

}
