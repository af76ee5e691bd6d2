package io.chorus.platform.testapp;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for another Chorus service on a real port: echoes the headers a client sent, or
 * answers with a problem, a 500, or too slowly.
 */
public final class DownstreamStub {

	public static final String PROBLEM = """
			{"type":"about:blank","title":"Conflict","status":409,"detail":"That handle is taken.",\
			"instance":"/problem","traceId":"0123","errors":[{"field":"handle","reason":"is taken"}]}""";

	private final DisposableServer server;

	public DownstreamStub(Duration slowDelay) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/echo", (request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"passport\":" + quoted(request.requestHeaders().get("X-Passport"))
							+ ",\"traceparent\":" + quoted(request.requestHeaders().get("traceparent")) + "}")))
				.get("/problem", (request, response) -> response.status(409)
					.header("Content-Type", "application/problem+json")
					.sendString(Mono.just(PROBLEM)))
				.get("/fail", (request, response) -> response.status(500)
					.header("Content-Type", "text/plain")
					.sendString(Mono.just("NullPointerException at com.example.Secret")))
				.get("/slow", (request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.delay(slowDelay).thenReturn("{\"late\":true}"))))
			.bindNow();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public void stop() {
		this.server.disposeNow();
	}

	private static String quoted(String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

}
