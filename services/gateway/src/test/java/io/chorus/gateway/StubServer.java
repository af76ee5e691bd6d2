package io.chorus.gateway;

import java.util.function.Consumer;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/** A tiny reactor-netty HTTP server on a random loopback port, standing in for a downstream service. */
public final class StubServer implements AutoCloseable {

	private final DisposableServer server;

	public StubServer(Consumer<HttpServerRoutes> routes) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).route(routes).bindNow();
	}

	public int port() {
		return this.server.port();
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
