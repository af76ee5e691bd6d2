package io.chorus.platform.shutdown;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.consumer.EventConsumer;
import io.chorus.platform.events.consumer.EventConsumers;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown sequence on a real context close: readiness DOWN first, a drain during which the
 * application still serves, then in-flight requests finish; a consumer's record in progress
 * completes and its offset is committed (a restarted consumer does not process it again).
 *
 * <p>Each application is started with {@link SpringApplicationBuilder} and its own Reactor Netty
 * resources ({@code ReactorResourceFactory.setUseGlobalResources(false)}): closing it must not
 * dispose the JVM-global event loops other contexts in this JVM use.
 */
@ChorusInfrastructure({ Infra.REDIS, Infra.KAFKA })
class GracefulShutdownIntegrationTests {

	private static final Duration DRAIN = Duration.ofSeconds(3);

	private static final Duration SLOW = Duration.ofSeconds(5);

	private static final AtomicInteger slowArrived = new AtomicInteger();

	private static final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();

	private static final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();

	private final WebClient http = WebClient.create();

	private static final String EXCLUDE = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
			+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
			+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
			+ "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration";

	private static ConfigurableApplicationContext start(Class<?> app, Map<String, String> properties) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.config.name", "chorus-shutdown-test-no-config-file");
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.putAll(properties);
		return new SpringApplicationBuilder(app)
			.run(settings.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context, String property) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty(property));
	}

	private int status(String url) {
		return this.http.get().uri(url).exchangeToMono((response) -> Mono.just(response.statusCode().value()))
			.block(Duration.ofSeconds(5));
	}

	@Test
	void readinessGoesDownThenTheDrainThenInFlightRequestsFinish(TestNamespace namespace) throws Exception {
		Map<String, String> properties = new LinkedHashMap<>(namespace.springProperties(Set.of(Infra.REDIS)));
		properties.put("chorus.shutdown.drain-delay", DRAIN.toMillis() + "ms");
		ConfigurableApplicationContext app = start(WebApp.class, properties);
		String base = "http://127.0.0.1:" + port(app, "local.server.port");
		String management = "http://127.0.0.1:" + port(app, "local.management.port");
		ApplicationAvailability availability = app.getBean(ApplicationAvailability.class);
		assertThat(status(management + "/actuator/health/readiness")).isEqualTo(200);

		int arrivedBefore = slowArrived.get();
		CompletableFuture<String> slow = this.http.get().uri(base + "/slow").retrieve().bodyToMono(String.class).toFuture();
		await().atMost(Duration.ofSeconds(10)).until(() -> slowArrived.get() > arrivedBefore);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);

		// During the drain: probes say "not ready", the application still answers whoever still sends.
		assertThat(status(management + "/actuator/health/readiness")).isEqualTo(503);
		assertThat(status(management + "/actuator/health/liveness")).isEqualTo(200);
		assertThat(status(base + "/fast")).isEqualTo(200);
		assertThat(closing).isNotDone();

		// The request that was in flight when SIGTERM came completes normally.
		assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("done");
		closing.get(30, TimeUnit.SECONDS);
		assertThat(app.isActive()).isFalse();
	}

	@Test
	void theRecordInProgressCompletesAndIsNotProcessedAgainAfterARestart(TestNamespace namespace) {
		String topic = namespace.topic("shutdown.events");
		Map<String, String> properties = new LinkedHashMap<>(namespace.springProperties(Set.of(Infra.REDIS, Infra.KAFKA)));
		properties.put("chorus.consumer.dedupe-store", "in-memory"); // forgotten on restart: only offsets protect
		properties.put("chorus.kafka.topics[" + topic + "].partitions", "1");
		properties.put("shutdown-test.topic", topic);
		properties.put("shutdown-test.group", "shutdown-" + namespace.id());

		ConfigurableApplicationContext first = start(ConsumerApp.class, properties);
		CloudEvent inProgress = first.getBean(CloudEventFactory.class)
			.create(CloudEvent.type("test", "thing", "happened"), "thing-1", Map.of("n", 1));
		first.getBean(EventPublisher.class).publish(topic, inProgress).block(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30)).until(() -> count(started, inProgress) == 1);

		first.close(); // while the handler is still working on the record
		assertThat(count(completed, inProgress)).isOne();

		ConfigurableApplicationContext second = start(ConsumerApp.class, properties);
		try {
			CloudEvent next = second.getBean(CloudEventFactory.class)
				.create(CloudEvent.type("test", "thing", "happened"), "thing-1", Map.of("n", 2));
			second.getBean(EventPublisher.class).publish(topic, next).block(Duration.ofSeconds(30));
			// Same partition, later offset: had the first offset not been committed, it would come first.
			await().atMost(Duration.ofSeconds(30)).until(() -> count(completed, next) == 1);
			assertThat(count(started, inProgress)).isOne();
			assertThat(count(completed, inProgress)).isOne();
		}
		finally {
			second.close();
		}
	}

	private static int count(Map<String, AtomicInteger> counts, CloudEvent event) {
		AtomicInteger count = counts.get(event.id());
		return (count != null) ? count.get() : 0;
	}

	/** Own Netty resources: closing this application must not dispose the JVM-global ones. */
	static ReactorResourceFactory ownResources() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration" })
	static class WebApp {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			return ownResources();
		}

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/slow", (request) -> Mono.fromRunnable(slowArrived::incrementAndGet)
					.then(Mono.delay(SLOW))
					.then(ServerResponse.ok().bodyValue("done")))
				.GET("/fast", (request) -> ServerResponse.ok().bodyValue("fast"))
				.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration" })
	static class ConsumerApp {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			return ownResources();
		}

		@Bean
		EventConsumer slowConsumer(EventConsumers consumers, org.springframework.core.env.Environment environment) {
			return consumers.consume(environment.getRequiredProperty("shutdown-test.topic"))
				.group(environment.getRequiredProperty("shutdown-test.group"))
				.maxAttempts(1)
				.handler((event) -> Mono.fromRunnable(() -> increment(started, event))
					.then(Mono.delay(Duration.ofSeconds(2)))
					.then(Mono.fromRunnable(() -> increment(completed, event))))
				.build();
		}

		private static void increment(Map<String, AtomicInteger> counts, CloudEvent event) {
			counts.computeIfAbsent(event.id(), (id) -> new AtomicInteger()).incrementAndGet();
		}

	}

}
