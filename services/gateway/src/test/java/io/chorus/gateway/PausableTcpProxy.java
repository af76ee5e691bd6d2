package io.chorus.gateway;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * A TCP proxy that can hang: while paused it holds every byte in both directions (the
 * connection stays open, nothing is answered — a stuck server), and on resume delivers them in
 * order, so the protocol stream stays intact.
 */
public final class PausableTcpProxy implements AutoCloseable {

	private final DisposableServer server;

	private volatile Sinks.Empty<Void> gate = open();

	public PausableTcpProxy(String targetHost, int targetPort) {
		this.server = TcpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((in, out) -> TcpClient.create().host(targetHost).port(targetPort).connect().flatMap((target) -> {
				Mono<Void> up = target.outbound()
					.send(in.receive().retain().delayUntil((buffer) -> this.gate.asMono()))
					.then();
				Mono<Void> down = out.send(target.inbound().receive().retain().delayUntil((buffer) -> this.gate.asMono()))
					.then();
				return Mono.when(up, down).doFinally((signal) -> target.dispose());
			}))
			.bindNow();
	}

	public int port() {
		return this.server.port();
	}

	public void pause() {
		this.gate = Sinks.empty();
	}

	public void resume() {
		this.gate.tryEmitEmpty();
	}

	private static Sinks.Empty<Void> open() {
		Sinks.Empty<Void> open = Sinks.empty();
		open.tryEmitEmpty();
		return open;
	}

	@Override
	public void close() {
		resume();
		this.server.disposeNow();
	}

}
