package io.chorus.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real gateway on random ports (public and management) with real Redis from the testkit.
 * Each concrete class starts its own {@link Downstream} stubs and registers them with
 * {@code @DynamicPropertySource}. Tests talk to the gateway over HTTP only, optionally from
 * another loopback address (127.0.0.x) to be a different client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chorus.gateway.jwks.min-refetch-interval=5s", "chorus.gateway.cors.allowed-origins=https://app.chorus.test",
				"chorus.logging.format=plain" })
@ChorusInfrastructure(Infra.REDIS)
@Import(TestClockConfiguration.class)
public abstract class GatewayTestSupport {

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	/** A client connecting from 127.0.0.1. */
	protected WebTestClient client() {
		return client("127.0.0.1");
	}

	/** A client whose connections come from {@code localAddress} (any 127.0.0.x works on Linux). */
	protected WebTestClient client(String localAddress) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	protected WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

}
