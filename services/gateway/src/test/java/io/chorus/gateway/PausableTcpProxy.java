package io.chorus.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * A TCP proxy that can hang: while paused it holds every byte in both directions (the
 * connection stays open, nothing is answered — a stuck server), and on resume delivers them in
 * order, so the protocol stream stays intact. It can also drop: close every connection and
 * refuse new ones (a server that went away) until {@link #resume()}.
 */
public final class PausableTcpProxy implements AutoCloseable {

	private final DisposableServer server;

	private volatile Sinks.Empty<Void> gate = open();

	private volatile boolean dropping;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	public PausableTcpProxy(String targetHost, int targetPort) {
		this.server = TcpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> {
				if (this.dropping) {
					connection.dispose();
					return;
				}
				this.connections.add(connection);
				connection.onDispose(() -> this.connections.remove(connection));
			})
			.handle((in, out) -> this.dropping ? Mono.empty() : TcpClient.create().host(targetHost).port(targetPort).connect().flatMap((target) -> {
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
		this.dropping = false;
		this.gate.tryEmitEmpty();
	}

	/** Closes every connection and refuses new ones until {@link #resume()}. */
	public void drop() {
		this.dropping = true;
		this.connections.forEach(Connection::dispose);
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
