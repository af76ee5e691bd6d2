package io.chorus.platform.testapp;

import java.time.Duration;

import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the starter's integration tests: one {@link StarterTestApplication} on real Netty
 * ports (shared by every subclass through the context cache), a gateway stand-in that mints
 * passports, and a downstream service stub.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chorus.client.response-timeout=500ms" })
public abstract class IntegrationTestSupport {

	protected static final TestPassports passports = new TestPassports();

	protected static final DownstreamStub downstream = new DownstreamStub(Duration.ofSeconds(2));

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	protected WebTestClient client;

	@DynamicPropertySource
	static void starterProperties(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
		registry.add("testapp.downstream-url", downstream::baseUrl);
	}

	@BeforeEach
	void bindClient() {
		this.client = clientFor(this.port);
	}

	protected static WebTestClient clientFor(int port) {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10)).build();
	}

}
