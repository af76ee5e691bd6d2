package io.chorus.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilerTests {

	private static String sample(String... frames) {
		return "jdk.ExecutionSample {\n  startTime = 12:00:00.000\n  sampledThread = \"reactor-http-epoll-1\"\n"
				+ "  state = \"STATE_RUNNABLE\"\n  stackTrace = [\n    " + String.join("\n    ", frames) + "\n  ]\n}\n";
	}

	@Test
	void librariesCountAnywhereInTheStackTheRestByTheTopFrame() {
		String printed = sample("sun.security.ec.ECOperations.setSum(Foo) line: 1",
				"com.nimbusds.jose.crypto.ECDSAVerifier.verify(Bar) line: 2", "io.netty.channel.nio.NioEventLoop.run() line: 3")
				+ sample("io.netty.channel.epoll.Native.epollWait(int) line: 1", "io.netty.channel.epoll.EpollEventLoop.run() line: 2")
				+ sample("reactor.core.publisher.FluxMap$MapSubscriber.onNext(Object) line: 1",
						"io.micrometer.observation.SimpleObservation.start() line: 2", "io.netty.channel.epoll.EpollEventLoop.run() line: 3")
				+ sample("reactor.core.publisher.MonoJust.subscribe(CoreSubscriber) line: 1",
						"io.netty.channel.epoll.EpollEventLoop.run() line: 2");
		Map<String, Double> shares = Profiler.summarize(printed);
		assertThat(shares.get("samples")).isEqualTo(4.0);
		assertThat(shares.get("signature crypto")).isEqualTo(0.25);
		assertThat(shares.get("observation/tracing/context propagation")).isEqualTo(0.25);
		assertThat(shares.get("Netty I/O (self)")).isEqualTo(0.25);
		assertThat(shares.get("Reactor operators (self)")).isEqualTo(0.25);
		assertThat(shares.get("other")).isZero();
	}

}
