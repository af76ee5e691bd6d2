package io.chorus.activity.testing;

import io.chorus.platform.passport.Roles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.chorus.activity.events.ActivityEventHandler;
import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The activity service on a random port with real Kafka (topics of this class's namespace, one
 * partition each so a later event on a topic proves the earlier ones were consumed), Redis
 * (dedupe) and the Mongo wire server, driven by publishing events and reading over HTTP. The
 * consumer's handler is wrapped in a {@link FaultSwitch}; retries are fast (3 attempts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"chorus.activity.group=activity-${chorus.testkit.namespace}",
				"chorus.activity.member-topic=member.events.${chorus.testkit.namespace}",
				"chorus.activity.content-topic=content.events.${chorus.testkit.namespace}",
				"chorus.activity.music-topic=music.events.${chorus.testkit.namespace}",
				"chorus.activity.chat-topic=chat.messages.${chorus.testkit.namespace}",
				"chorus.consumer.max-attempts=3", "chorus.consumer.initial-backoff=20ms",
				"chorus.consumer.max-backoff=50ms", "chorus.consumer.commit-interval=100ms" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
@Import(FaultSwitchConfiguration.class)
public abstract class IntegrationTestBase {

	protected static final TestPassports passports = new TestPassports();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	protected int port;

	@Autowired
	protected CloudEventFactory factory;

	@Autowired
	protected CloudEventCodec codec;

	@Autowired
	protected FaultSwitch faults;

	@Autowired
	protected ActivityEventHandler handler;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	@Value("${chorus.activity.group}")
	protected String group;

	protected WebTestClient http;

	protected Events events;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	/** Before the application starts, so its consumer finds the topics. */
	@BeforeAll
	static void topics(TestNamespace namespace) {
		namespace.createTopic("member.events", 1);
		namespace.createTopic("content.events", 1);
		namespace.createTopic("music.events", 1);
		namespace.createTopic("chat.messages", 1);
	}

	@BeforeEach
	void connect(TestNamespace namespace) {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		this.events = new Events(this.factory, this.codec, this.bootstrapServers, namespace.topic("member.events"),
				namespace.topic("content.events"), namespace.topic("music.events"), namespace.topic("chat.messages"));
	}

	@AfterEach
	void disconnect() {
		this.events.close();
	}

	protected static String member(String memberId) {
		return passports.valid(memberId, "h" + memberId.replaceAll("[^A-Za-z0-9]", ""), Roles.MEMBER);
	}

	/** {@code GET path} as {@code memberId}; the whole JSON body. */
	protected JsonNode get(String path, String memberId) {
		return this.http.get()
			.uri(path)
			.header(TestPassports.HEADER, member(memberId))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** Every item of every page of {@code path} for {@code memberId}. */
	protected List<JsonNode> all(String path, String memberId) {
		List<JsonNode> items = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = get(path + "?limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""), memberId);
			page.path("items").forEach(items::add);
			cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
		}
		while (cursor != null);
		return items;
	}

	/** Polls {@code path} for {@code memberId} until its items satisfy {@code condition}. */
	protected List<JsonNode> awaitItems(String path, String memberId, Predicate<List<JsonNode>> condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		List<JsonNode> items = all(path, memberId);
		while (!condition.test(items)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + WAIT + " on " + path + " for " + memberId
						+ "; items: " + items);
			}
			pause();
			items = all(path, memberId);
		}
		return items;
	}

	protected static void pause() {
		try {
			Thread.sleep(100); // test thread, polling for an asynchronous consumer
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	protected static long count(List<JsonNode> items, String kind) {
		return items.stream().filter(i -> i.path("kind").asString().equals(kind)).count();
	}

}
