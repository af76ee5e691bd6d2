package io.chorus.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The services behind the gateway, as stubs on random ports: a member serving a JWK set the test
 * controls (current key first) plus auth endpoints, and echo services answering with what they
 * received. Chart is deliberately down (a port nobody listens on).
 */
public final class Downstream implements AutoCloseable {

	public static final List<String> ECHO_SERVICES = List.of("content", "timeline", "music", "activity", "search",
			"chat", "web");

	public final AtomicInteger jwksFetches = new AtomicInteger();

	private final AtomicReference<JWK> currentKey = new AtomicReference<>(TestTokens.ecKey("member-1"));

	private final AtomicReference<String> jwks = new AtomicReference<>(TestTokens.jwks(this.currentKey.get().toPublicJWK()));

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubServer member;

	private final Map<String, StubServer> echoes = new LinkedHashMap<>();

	private final int deadPort = freePort();

	public Downstream() {
		this.member = new StubServer((routes) -> routes.get("/.well-known/jwks.json", (request, response) -> {
			this.jwksFetches.incrementAndGet();
			return response.header("Content-Type", "application/json").sendString(Mono.fromSupplier(this.jwks::get));
		}).route((request) -> true, (request, response) -> echo("member", request, response)));
		for (String service : ECHO_SERVICES) {
			this.echoes.put(service, new StubServer((routes) -> routes
				// Chat's WebSocket: greets with whether the upgrade request carried a passport.
				.ws("/ws/chat", (in, out) -> out.sendString(Mono.just(service + " passport="
						+ in.headers().contains("X-Passport") + " member-id=" + in.headers().contains("X-Member-Id"))))
				.route((request) -> true, (request, response) -> echo(service, request, response))));
		}
	}

	/** Points the gateway at these stubs. */
	public void register(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/** The gateway settings that point it at these stubs (for a gateway started by hand). */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("chorus.gateway.jwks-uri", this.member.uri() + "/.well-known/jwks.json");
		properties.put("chorus.gateway.services.member.uri", this.member.uri());
		this.echoes.forEach((name, stub) -> properties.put("chorus.gateway.services." + name + ".uri", stub.uri()));
		properties.put("chorus.gateway.services.chart.uri", "http://127.0.0.1:" + this.deadPort);
		return properties;
	}

	/** The key member signs new tokens with: the first one published. */
	public JWK currentKey() {
		return this.currentKey.get();
	}

	/** Replaces member's published key set; the first key becomes the current one. */
	public void publish(JWK... keys) {
		this.currentKey.set(keys[0]);
		List<JWK> published = new ArrayList<>();
		for (JWK key : keys) {
			published.add(key.toPublicJWK());
		}
		this.jwks.set(TestTokens.jwks(published.toArray(JWK[]::new)));
	}

	/** A valid access token for {@code memberId}, signed with member's current key. */
	public String token(String memberId) {
		return token(TestTokens.claims(memberId).build());
	}

	public String token(JWTClaimsSet claims) {
		return TestTokens.sign(currentKey(), claims);
	}

	/** How many requests the stub of {@code service} received. */
	public int hits(String service) {
		return this.hits.computeIfAbsent(service, (name) -> new AtomicInteger()).get();
	}

	/**
	 * Answers with an {@link Echo}. {@code X-Stub-Header: Name: value} adds a response header.
	 * {@code X-Stub-Status} picks the status (to play a failing
	 * logout, for instance).
	 */
	private Publisher<Void> echo(String service, HttpServerRequest request, HttpServerResponse response) {
		this.hits.computeIfAbsent(service, (name) -> new AtomicInteger()).incrementAndGet();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((entry) -> headers.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), (k) -> new ArrayList<>())
				.add(entry.getValue()));
		String status = request.requestHeaders().get("X-Stub-Status");
		String extraHeader = request.requestHeaders().get("X-Stub-Header"); // "Name: value" to answer with
		String uri = request.uri();
		int question = uri.indexOf('?');
		return request.receive()
			.aggregate()
			.map((body) -> (long) body.readableBytes())
			.defaultIfEmpty(0L)
			.flatMap((length) -> {
				Echo echo = new Echo(service, request.method().name(), (question >= 0) ? uri.substring(0, question) : uri,
						(question >= 0) ? uri.substring(question + 1) : null, headers, length);
				if (extraHeader != null && extraHeader.contains(":")) {
					response.header(extraHeader.substring(0, extraHeader.indexOf(':')).strip(),
							extraHeader.substring(extraHeader.indexOf(':') + 1).strip());
				}
				return response.status((status != null) ? HttpResponseStatus.valueOf(Integer.parseInt(status))
						: HttpResponseStatus.OK)
					.header("Content-Type", "application/json")
					// A service's own CORS header must never reach the browser next to the gateway's.
					.header("Access-Control-Allow-Origin", "*")
					.sendString(Mono.just(this.json.writeValueAsString(echo)))
					.then();
			});
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.member.close();
		this.echoes.values().forEach(StubServer::close);
	}

}
