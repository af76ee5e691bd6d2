package io.chorus.platform.client;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates WebClients for calls to other Chorus services. Each forwards the current passport
 * (from the Reactor context) and the W3C trace context, applies {@code chorus.client.*}
 * timeouts, and fails with {@link DownstreamProblemException} on error statuses, timeouts and
 * connection failures. Built by the auto-configuration, each call also gets a whole-attempt
 * timeout, a circuit breaker and a bulkhead per downstream, and idempotent calls are retried
 * (at most {@code chorus.client.retry.max-retries}, jittered exponential backoff).
 *
 * <p>Deliberately a factory rather than a customizer of every WebClient: the passport must
 * never leak to a third-party host.
 *
 * <pre>{@code
 * WebClient members = serviceClients.create("http://member:8080");
 * members.get().uri("/members/{id}", id).retrieve().bodyToMono(MemberSummary.class);
 * members.put().uri("/members/{id}/settings", id).attributes(ServiceClients.idempotent())...  // may retry
 * serviceClients.withFallback(members.get()..., ex -> Mono.just(MemberSummary.unknown(id)));
 * }</pre>
 */
public final class ServiceClients {

	/**
	 * Request attribute: {@code true} marks a PUT or DELETE as idempotent (so it may be retried),
	 * {@code false} turns retries off for any request.
	 */
	public static final String IDEMPOTENT_ATTRIBUTE = "chorus.client.idempotent";

	private final WebClient.Builder template;

	private final @Nullable ClientResilience resilience;

	private final MeterRegistry meters;

	ServiceClients(WebClient.Builder template) {
		this.template = template;
		this.resilience = null;
		this.meters = new SimpleMeterRegistry();
	}

	/** With timeout, retries, circuit breakers and bulkheads, as the auto-configuration builds it. */
	ServiceClients(WebClient.Builder template, ClientResilience resilience, MeterRegistry meters) {
		this.template = template.filters((filters) -> filters.add(0, resilience));
		this.resilience = resilience;
		this.meters = meters;
	}

	/** The builder behind every service client: timeouts, error mapping, passport forwarding. */
	static WebClient.Builder template(ClientProperties properties, JsonMapper jsonMapper) {
		return template(properties, jsonMapper, HttpClient.create());
	}

	static WebClient.Builder template(ClientProperties properties, JsonMapper jsonMapper, HttpClient httpClient) {
		HttpClient http = httpClient
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		// Filters run in order: errors are mapped outermost, after the passport was added.
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.filter(new DownstreamErrors(jsonMapper))
			.filter(new PassportForwarding());
	}

	/** A client for the service at {@code baseUrl}, e.g. {@code http://member:8080}. */
	public WebClient create(String baseUrl) {
		return builder().baseUrl(baseUrl).build();
	}

	/** A fresh builder with all service-client behaviour, for further customization. */
	public WebClient.Builder builder() {
		return this.template.clone();
	}

	/**
	 * For {@code .attributes(...)} on a PUT or DELETE request: the call is idempotent and may be
	 * retried. GET and HEAD are retried without it; POST and PATCH never are.
	 */
	public static Consumer<Map<String, Object>> idempotent() {
		return (attributes) -> attributes.put(IDEMPOTENT_ATTRIBUTE, Boolean.TRUE);
	}

	/** For {@code .attributes(...)}: never retry this request, whatever its method. */
	public static Consumer<Map<String, Object>> noRetry() {
		return (attributes) -> attributes.put(IDEMPOTENT_ATTRIBUTE, Boolean.FALSE);
	}

	/**
	 * A degraded answer instead of an error, where that is better for the caller (a timeline
	 * without author names rather than a 502). Used only when the downstream <em>failed</em>
	 * (5xx, timeout, unreachable, open circuit, full bulkhead) — a 4xx is an answer and still
	 * fails the call. Counted as {@code chorus.client.fallbacks{service}}.
	 */
	public <T> Mono<T> withFallback(Mono<T> call, Function<DownstreamProblemException, Mono<T>> fallback) {
		return call.onErrorResume(DownstreamProblemException.class, (ex) -> ex.isFailure() ? fallback(ex, fallback)
				: Mono.error(ex));
	}

	/** {@link #withFallback(Mono, Function)} for a stream: the fallback replaces the rest of it. */
	public <T> Flux<T> withFallback(Flux<T> call, Function<DownstreamProblemException, Flux<T>> fallback) {
		return call.onErrorResume(DownstreamProblemException.class, (ex) -> {
			if (!ex.isFailure()) {
				return Flux.error(ex);
			}
			countFallback(ex);
			return fallback.apply(ex);
		});
	}

	private <T> Mono<T> fallback(DownstreamProblemException ex, Function<DownstreamProblemException, Mono<T>> fallback) {
		countFallback(ex);
		return fallback.apply(ex);
	}

	private void countFallback(DownstreamProblemException ex) {
		Counter.builder("chorus.client.fallbacks")
			.description("Service calls answered with a declared fallback after the downstream failed")
			.tag("service", ex.service())
			.register(this.meters)
			.increment();
	}

	/** Circuit-breaker state of one downstream host ({@code CLOSED}, {@code OPEN}, ...), for health and tests. */
	public String circuitState(String service) {
		return (this.resilience != null) ? this.resilience.circuitBreaker(service).getState().name() : "DISABLED";
	}

}
