package io.chorus.timeline.testing;

import java.time.Duration;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The timeline service on a random port with real Kafka, Redis and the Mongo wire server (own
 * topics, key prefix and database per test class). Tests play content and member: they publish
 * CloudEvents to the class's topics and read over HTTP. The fan-out threshold is low (3
 * followers) so read-time merging is exercised with a handful of members.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0",
				"chorus.timeline.content-topic=content.events.${chorus.testkit.namespace}",
				"chorus.timeline.member-topic=member.events.${chorus.testkit.namespace}",
				"chorus.timeline.group=timeline-${chorus.testkit.namespace}",
				"chorus.timeline.fan-out-threshold=" + IntegrationTestBase.THRESHOLD,
				"chorus.timeline.popular-roll=1s", "chorus.consumer.commit-interval=200ms",
				"logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN", "chorus.logging.format=plain",
				"logging.level.io.chorus.timeline=DEBUG" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA, Infra.MONGO })
@Import(IntegrationTestBase.Topics.class)
public abstract class IntegrationTestBase {

	public static final int THRESHOLD = 3;

	protected static final TestPassports passports = new TestPassports();

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestNamespace namespace;

	@Autowired
	protected ReactiveStringRedisTemplate redis;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	@Value("${chorus.redis.key-prefix}")
	protected String redisPrefix;

	@Autowired
	protected MongoDatabase db;

	protected TimelineClient client;

	protected Events events;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	@BeforeEach
	void connect() {
		this.client = new TimelineClient(WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build(), passports);
		this.events = new Events(this.bootstrapServers, this.namespace.topic("content.events"),
				this.namespace.topic("member.events"));
		warmUp();
	}

	/**
	 * Once per class: waits until the consumer applies events from both topics (joining the group
	 * can take long on a loaded build machine), so test timeouts measure the service, not that.
	 */
	private void warmUp() {
		if (this.namespace.id().equals(warmedUp)) {
			return;
		}
		String member = Events.newId();
		String post = Events.newId();
		this.events.registered(member, "warmup", "Warm Up");
		this.events.postCreated(post, member, "warm-up", java.time.Instant.now());
		Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> {
			byte[] body = this.client.request("/api/posts/" + post, null)
				.returnResult(byte[].class)
				.getResponseBodyContent();
			return body != null && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"handle\":\"warmup\"");
		});
		warmedUp = this.namespace.id();
	}

	private static volatile String warmedUp = "";

	@AfterEach
	void disconnect() {
		this.events.close();
	}

	/** Waits until the read model counts {@code n} followers of {@code memberId}. */
	protected void awaitFollowers(String memberId, long n) {
		awaitFollowers(memberId, n, Duration.ofSeconds(60));
	}

	protected void awaitFollowers(String memberId, long n, Duration atMost) {
		Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
			Document doc = Mono.from(this.db.getCollection("members").find(Filters.eq("_id", memberId)).first())
				.block(Duration.ofSeconds(20));
			Object count = (doc != null) ? doc.get("followerCount") : null;
			return count instanceof Number number && number.longValue() == n;
		});
	}

	/** Whether the post id is in the member's Redis home feed (the push path). */
	protected boolean inRedisFeed(String memberId, String postId) {
		return this.redis.opsForZSet()
			.score(this.redisPrefix + "tl:home:" + memberId, postId)
			.blockOptional(Duration.ofSeconds(5))
			.isPresent();
	}

	/** Creates the class's topics (3 partitions) before the consumers start. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Topics {

		@Bean
		String timelineTestTopics(TestNamespace namespace) {
			namespace.createTopic("content.events", 3);
			namespace.createTopic("member.events", 3);
			return "created";
		}

	}

}
