package io.chorus.chart.testing;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;

/**
 * Installed as the Lettuce client resources' latency recorder, so it sees every command the
 * application's Redis client completes (Lettuce calls it once per command, after the reply is
 * decoded and before the caller is completed). A request's round trips are the commands recorded
 * between {@link #reset()} and its response.
 */
public final class RedisCommandCounter implements CommandLatencyRecorder {

	private final List<String> commands = new CopyOnWriteArrayList<>();

	@Override
	public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
			long firstResponseLatency, long completionLatency) {
		this.commands.add(commandType.toString());
	}

	@Override
	public boolean isEnabled() {
		return true;
	}

	public void reset() {
		this.commands.clear();
	}

	public List<String> commands() {
		return List.copyOf(this.commands);
	}

}
