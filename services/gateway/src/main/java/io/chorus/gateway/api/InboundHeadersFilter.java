package io.chorus.gateway.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.chorus.gateway.domain.CanonicalPath;
import io.chorus.gateway.domain.TrustedProxies;
import io.chorus.gateway.domain.TrustedProxies.ClientAddress;
import io.chorus.platform.observability.TraceIds;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * First thing on every public request, routed or not: arranges for {@code X-Trace-Id} on the
 * response, whoever writes it; replaces the path with its {@link CanonicalPath canonical form}
 * (or refuses it with 400), so every later decision and the route itself see one spelling;
 * removes every header only the gateway or the mesh may set ({@code X-Passport},
 * member/user/device ids, {@code X-Internal-*}, forwarding headers, {@code X-Envoy-*}), so nothing
 * a client sends can pose as identity or steer retries and timeouts downstream; then sets
 * {@code X-Forwarded-For} from the real peer (and trusted proxies only).
 */
public final class InboundHeadersFilter implements WebFilter, Ordered {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	static final String TRACE_ID = "X-Trace-Id";

	private static final Set<String> STRIPPED = Set.of("x-passport", "x-user-id", "x-member-id", "x-device-id",
			"forwarded", "x-real-ip");

	/** {@code x-envoy-*}: a client could otherwise set the mesh's retry policy or timeouts. */
	private static final List<String> STRIPPED_PREFIXES = List.of("x-internal-", "x-forwarded-", "x-envoy-");

	private final EdgeScope scope;

	private final TrustedProxies proxies;

	private final TraceIds traceIds;

	public InboundHeadersFilter(EdgeScope scope, TrustedProxies proxies, TraceIds traceIds) {
		this.scope = scope;
		this.proxies = proxies;
		this.traceIds = traceIds;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.scope.applies(exchange)) {
			return chain.filter(exchange);
		}
		// At commit time, so it lands on proxied answers and on the gateway's own errors alike.
		exchange.getResponse().beforeCommit(() -> {
			exchange.getResponse().getHeaders().set(TRACE_ID, this.traceIds.current(exchange));
			return Mono.empty();
		});
		ServerHttpRequest request = exchange.getRequest();
		String rawPath = request.getURI().getRawPath();
		String path;
		try {
			path = CanonicalPath.of(rawPath);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(EdgeProblems.invalidPath(ex.getMessage()));
		}
		ClientAddress client = resolveClient(request);
		EdgeAttributes.client(exchange, client);
		ServerHttpRequest.Builder sanitized = request.mutate().headers((headers) -> {
			sanitize(headers);
			headers.set("X-Forwarded-For", client.forwardedFor());
		});
		if (!path.equals(rawPath)) {
			sanitized.path(path);
		}
		return chain.filter(exchange.mutate().request(sanitized.build()).build());
	}

	static void sanitize(HttpHeaders headers) {
		List<String> names = headers.headerNames().stream()
			.filter((name) -> isGatewayOnly(name.toLowerCase(Locale.ROOT)))
			.toList();
		names.forEach(headers::remove);
	}

	private static boolean isGatewayOnly(String name) {
		return STRIPPED.contains(name) || STRIPPED_PREFIXES.stream().anyMatch(name::startsWith);
	}

	private ClientAddress resolveClient(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress address = (remote != null) ? remote.getAddress() : null;
		if (address == null) {
			return new ClientAddress("unknown", "unknown");
		}
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		return this.proxies.resolve(address, forwarded);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
