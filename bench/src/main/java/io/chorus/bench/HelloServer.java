package io.chorus.bench;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The ceiling: a bare Reactor Netty server answering {@code GET /hello} with five bytes. */
final class HelloServer implements AutoCloseable {

	private final DisposableServer server;

	private HelloServer(DisposableServer server) {
		this.server = server;
	}

	static HelloServer start(int port) {
		return start(port, Duration.ZERO);
	}

	/** A server whose answers are held back by {@code delay} (for the generator's own tests). */
	static HelloServer start(int port, Duration delay) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/hello",
					(request, response) -> response.sendString(delay.isZero() ? Mono.just("hello")
							: Mono.just("hello").delayElement(delay))))
			.bindNow();
		return new HelloServer(server);
	}

	int port() {
		return this.server.port();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
