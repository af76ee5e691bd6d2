package io.chorus.platform.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.chorus.platform.web.Causes;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The outermost filter of every service client: per attempt a timeout, the downstream's circuit
 * breaker and bulkhead; around the attempts, jittered exponential retries for idempotent
 * requests only. Errors reaching it are already {@link DownstreamProblemException}s (the
 * {@link DownstreamErrors} filter runs inside it).
 *
 * <p>Per downstream means per host name of the request URL ({@code member}, {@code content}):
 * bounded by the services a service calls, so also safe as a metric tag.
 */
final class ClientResilience implements ExchangeFilterFunction {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private static final Set<HttpMethod> IDEMPOTENT_IF_FLAGGED = Set.of(HttpMethod.PUT, HttpMethod.DELETE);

	private final ClientProperties properties;

	private final CircuitBreakerRegistry breakers;

	private final BulkheadRegistry bulkheads;

	private final MeterRegistry meters;

	ClientResilience(ClientProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.meters = meters;
		ClientProperties.CircuitBreaker breaker = properties.circuitBreaker();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumNumberOfCalls())
			.failureRateThreshold(breaker.failureRateThreshold())
			.waitDurationInOpenState(breaker.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.recordException(ClientResilience::isFailure)
			.build());
		// maxWaitDuration 0: a semaphore wait would block the event loop.
		this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
			.maxWaitDuration(Duration.ZERO)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.breakers).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(this.bulkheads).bindTo(meters);
	}

	/** The breaker of one downstream (created on first use). */
	CircuitBreaker circuitBreaker(String service) {
		return this.breakers.circuitBreaker(service);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String service = String.valueOf(request.url().getHost());
		Mono<ClientResponse> attempt = Mono.defer(() -> next.exchange(request))
			.timeout(this.properties.timeout())
			.onErrorMap(TimeoutException.class, (ex) -> DownstreamProblemException.timedOut(service, ex));
		if (this.properties.circuitBreaker().enabled()) {
			attempt = attempt.transformDeferred(CircuitBreakerOperator.of(this.breakers.circuitBreaker(service)))
				.onErrorMap(CallNotPermittedException.class, (ex) -> {
					rejected(service, "circuit_open");
					return DownstreamProblemException.circuitOpen(service, ex);
				});
		}
		if (this.properties.bulkhead().enabled()) {
			Bulkhead bulkhead = this.bulkheads.bulkhead(service);
			attempt = attempt.transformDeferred(BulkheadOperator.of(bulkhead))
				.onErrorMap(BulkheadFullException.class, (ex) -> {
					rejected(service, "bulkhead_full");
					return DownstreamProblemException.saturated(service, ex);
				});
		}
		int retries = this.properties.retry().maxRetries();
		if (retries == 0 || !retryable(request)) {
			return attempt;
		}
		return attempt.retryWhen(Retry.backoff(retries, this.properties.retry().initialBackoff())
			.maxBackoff(this.properties.retry().maxBackoff())
			.jitter(0.5)
			.filter(ClientResilience::isRetryable)
			.doBeforeRetry((signal) -> Counter.builder("chorus.client.retries")
				.description("Application retries of idempotent service calls")
				.tag("service", service)
				.register(this.meters)
				.increment())
			.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	private void rejected(String service, String reason) {
		Counter.builder("chorus.client.rejected")
			.description("Service calls refused locally by the circuit breaker or the bulkhead")
			.tag("service", service)
			.tag("reason", reason)
			.register(this.meters)
			.increment();
	}

	static boolean retryable(ClientRequest request) {
		Object flag = request.attribute(ServiceClients.IDEMPOTENT_ATTRIBUTE).orElse(null);
		if (Boolean.FALSE.equals(flag)) {
			return false;
		}
		return SAFE.contains(request.method())
				|| (IDEMPOTENT_IF_FLAGGED.contains(request.method()) && Boolean.TRUE.equals(flag));
	}

	/** What the breaker counts as a failure: 5xx, timeouts, connection failures; not 4xx. */
	static boolean isFailure(Throwable ex) {
		return !(ex instanceof DownstreamProblemException problem) || problem.isFailure();
	}

	/**
	 * What is worth another attempt: a gateway-ish downstream answer (502/503/504), a timeout or a
	 * connection failure. Not a 500 (most likely the same bug again), not a 4xx, and not an open
	 * circuit or a full bulkhead (retrying would defeat them).
	 */
	static boolean isRetryable(Throwable ex) {
		if (!(ex instanceof DownstreamProblemException problem) || !problem.isFailure()
				|| Causes.find(ex, CallNotPermittedException.class) != null
				|| Causes.find(ex, BulkheadFullException.class) != null) {
			return false;
		}
		return problem.downstreamStatus()
			.map((status) -> status.value() == 502 || status.value() == 503 || status.value() == 504)
			.orElse(true);
	}

}
