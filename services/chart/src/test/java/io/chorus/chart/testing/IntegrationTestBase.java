package io.chorus.chart.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.chorus.chart.config.ChartProperties;
import io.chorus.chart.domain.ChartRules;
import io.chorus.chart.store.ChartStore;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart service on a random port with real Redis and Kafka (key prefix and topic per test
 * class). The chart's time rules run on a {@link MutableClock}; the snapshot schedule is off so tests decide when
 * snapshots happen (reads of final periods still make them). Every Redis command the application
 * completes is recorded by {@link RedisCommandCounter}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "chorus.chart.topic=music.events.${chorus.testkit.namespace}",
				"chorus.chart.snapshot.scheduled=false", "chorus.consumer.max-attempts=2",
				"chorus.consumer.commit-interval=100ms" })
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA })
@Import(IntegrationTestBase.ClockAndCounter.class)
public abstract class IntegrationTestBase {

	protected static final TestPassports passports = new TestPassports();

	protected static final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T12:00:00Z"));

	protected static final RedisCommandCounter redisCommands = new RedisCommandCounter();

	@LocalServerPort
	protected int port;

	@Autowired
	protected ReactiveStringRedisTemplate redis;

	@Autowired
	protected ChartStore store;

	@Value("${chorus.redis.key-prefix}")
	protected String keyPrefix;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	@Value("${chorus.chart.topic}")
	protected String topic;

	protected WebTestClient http;

	protected MusicEvents music;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	/** Before the context starts, so the consumer finds the topic with its partitions at once. */
	@BeforeAll
	static void musicTopic(TestNamespace namespace) {
		namespace.createTopic("music.events", 3);
	}

	@BeforeEach
	void connect() {
		clock.set(Instant.parse("2027-01-05T12:00:00Z"));
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		this.music = new MusicEvents(this.bootstrapServers, this.topic);
	}

	/** Charts are global per period: each test starts from empty chart keys. */
	@BeforeEach
	void clearCharts() {
		this.redis.scan(ScanOptions.scanOptions().match(this.keyPrefix + "chart:*").count(1000).build())
			.buffer(500)
			.concatMap(keys -> this.redis.unlink(keys.toArray(String[]::new)))
			.then()
			.block(Duration.ofSeconds(10));
	}

	@AfterEach
	void closeProducer() {
		this.music.close();
	}

	protected JsonNode chart(String path) {
		byte[] body = this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	protected Long plays(String liveKeySuffix, String trackId) {
		Double score = this.redis.opsForZSet().score(this.keyPrefix + liveKeySuffix, trackId).block();
		return (score != null) ? score.longValue() : null;
	}

	/** Polls (on the test thread) until {@code condition} holds, up to 30 s. */
	protected static void await(String what, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (Boolean.TRUE.equals(condition.get())) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		assertThat(condition.get()).as(what).isTrue();
	}

	protected static List<String> ids(JsonNode chart) {
		return chart.path("items").valueStream().map(item -> item.path("trackId").asString()).toList();
	}

	@TestConfiguration(proxyBeanMethods = false)
	public static class ClockAndCounter {

		/**
		 * The chart's own time rules run on the test clock; the starter keeps the real clock (Kafka
		 * rejects dead-letter records stamped far in the future).
		 */
		@Bean
		@Primary
		ChartRules testChartRules(ChartProperties properties) {
			return properties.rules(clock);
		}

		/** Last, so it wins over any other recorder (e.g. Micrometer's). */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		ClientResourcesBuilderCustomizer countingRecorder() {
			return builder -> builder.commandLatencyRecorder(redisCommands);
		}

	}

}
