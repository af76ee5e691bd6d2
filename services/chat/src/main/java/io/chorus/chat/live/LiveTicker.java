package io.chorus.chat.live;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/** The pod's two clocks: the presence heartbeat (refresh + expiry sweep) and WebSocket pings. */
public final class LiveTicker implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(LiveTicker.class);

	private final Presence presence;

	private final ChatSocketHandler sockets;

	private final Duration heartbeat;

	private final Duration ping;

	private @Nullable Disposable running;

	public LiveTicker(Presence presence, ChatSocketHandler sockets, Duration heartbeat, Duration ping) {
		this.presence = presence;
		this.sockets = sockets;
		this.heartbeat = heartbeat;
		this.ping = ping;
	}

	@Override
	public void start() {
		Disposable beats = Flux.interval(this.heartbeat, this.heartbeat)
			.onBackpressureDrop()
			.concatMap(tick -> this.presence.heartbeat().onErrorResume(ex -> {
				log.warn("Presence heartbeat failed: " + ex);
				return Mono.empty();
			}), 1)
			.subscribe();
		Disposable pings = Flux.interval(this.ping, this.ping).subscribe(tick -> this.sockets.pingAll());
		this.running = Disposables.composite(beats, pings);
	}

	@Override
	public void stop() {
		Disposable r = this.running;
		if (r != null) {
			r.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
