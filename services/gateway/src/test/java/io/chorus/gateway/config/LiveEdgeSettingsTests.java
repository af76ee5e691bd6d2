package io.chorus.gateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.gateway.api.CorsFilter;
import io.chorus.gateway.api.EdgeScope;
import io.chorus.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ConfigMap reload (spring-cloud-kubernetes, strategy refresh) changes the property sources and
 * publishes an {@link EnvironmentChangeEvent}: the rate-limit buckets and the CORS allow-list
 * must follow without a restart, and a broken edit must be refused.
 */
class LiveEdgeSettingsTests {

	static final String NEW_ORIGIN = "https://new.chorus.test";

	private final Map<String, Object> config = new HashMap<>(Map.of(
			"chorus.gateway.rate-limit.anonymous.capacity", "60",
			"chorus.gateway.rate-limit.anonymous.refill-per-second", "10",
			"chorus.gateway.rate-limit.member.capacity", "120",
			"chorus.gateway.rate-limit.member.refill-per-second", "20",
			"chorus.gateway.rate-limit.auth.capacity", "10",
			"chorus.gateway.rate-limit.auth.refill-per-second", "0.2",
			"chorus.gateway.cors.allowed-origins[0]", "https://app.chorus.test"));

	private final StaticApplicationContext context = new StaticApplicationContext();

	private final LiveEdgeSettings settings;

	LiveEdgeSettingsTests() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("configmap", this.config));
		this.context.setEnvironment(environment);
		this.context.addApplicationListener(this.settings = new LiveEdgeSettings(environment));
		this.context.refresh();
	}

	private void reload(Map<String, Object> changes) {
		this.config.putAll(changes);
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.copyOf(changes.keySet())));
	}

	/** Runs the real CORS filter once: whether the request reached the chain (else: 403 problem). */
	private boolean corsAllows(String origin) {
		CorsFilter filter = new CorsFilter(new EdgeScope(this.context), this.settings.corsSupplier());
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("https://api.chorus.test/api/search").header(HttpHeaders.ORIGIN, origin));
		AtomicBoolean passed = new AtomicBoolean();
		Mono<Boolean> outcome = filter.filter(exchange, (ignored) -> Mono.fromRunnable(() -> passed.set(true)))
			.then(Mono.just(true))
			.onErrorResume(ProblemException.class, (error) -> Mono.just(false));
		AtomicBoolean answered = new AtomicBoolean();
		StepVerifier.create(outcome).consumeNextWith(answered::set).verifyComplete();
		assertThat(passed.get()).isEqualTo(answered.get());
		return answered.get();
	}

	@Test
	void rateLimitCapacityFollowsARefresh() {
		assertThat(this.settings.limits().member().capacity()).isEqualTo(120);
		reload(Map.of("chorus.gateway.rate-limit.member.capacity", "5"));
		assertThat(this.settings.limits().member().capacity()).isEqualTo(5);
		assertThat(this.settings.limits().anonymous().capacity()).isEqualTo(60);
	}

	@Test
	void rateLimitingCanBeSwitchedOffAndOnAgain() {
		reload(Map.of("chorus.gateway.rate-limit.enabled", "false"));
		assertThat(this.settings.limits()).isNull();
		reload(Map.of("chorus.gateway.rate-limit.enabled", "true"));
		assertThat(this.settings.limits()).isNotNull();
	}

	@Test
	void anInvalidBucketIsRefusedAndThePreviousOneKept() {
		reload(Map.of("chorus.gateway.rate-limit.member.capacity", "0"));
		assertThat(this.settings.limits().member().capacity()).isEqualTo(120);
	}

	@Test
	void corsAllowListFollowsARefresh() {
		assertThat(this.settings.cors().getAllowedOrigins()).containsExactly("https://app.chorus.test");
		reload(Map.of("chorus.gateway.cors.allowed-origins[1]", NEW_ORIGIN));
		assertThat(this.settings.cors().getAllowedOrigins()).containsExactly("https://app.chorus.test", NEW_ORIGIN);
	}

	@Test
	void theCorsFilterAdmitsANewlyAllowedOriginWithoutARestart() {
		assertThat(corsAllows(NEW_ORIGIN)).isFalse();
		reload(Map.of("chorus.gateway.cors.allowed-origins[1]", NEW_ORIGIN));
		assertThat(corsAllows(NEW_ORIGIN)).isTrue();
		assertThat(corsAllows("https://app.chorus.test")).isTrue();
	}

	@Test
	void aWildcardOriginIsRefusedAndThePreviousListKept() {
		reload(Map.of("chorus.gateway.cors.allowed-origins[0]", "*"));
		assertThat(this.settings.cors().getAllowedOrigins()).containsExactly("https://app.chorus.test");
	}

	@Test
	void unrelatedChangesLeaveTheSettingsAlone() {
		var cors = this.settings.cors();
		var limits = this.settings.limits();
		reload(Map.of("logging.level.io.chorus", "DEBUG"));
		assertThat(this.settings.cors()).isSameAs(cors);
		assertThat(this.settings.limits()).isSameAs(limits);
	}

}
