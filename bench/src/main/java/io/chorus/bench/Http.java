package io.chorus.bench;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** HTTP/1.1 keep-alive clients for the generator: a bounded pool, generous pending queue. */
final class Http {

	private Http() {
	}

	static HttpClient client(String baseUrl, int maxConnections) {
		ConnectionProvider pool = ConnectionProvider.builder("bench-" + maxConnections)
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(30))
			.build();
		return HttpClient.create(pool)
			.baseUrl(baseUrl)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(10));
	}

}
