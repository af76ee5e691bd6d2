package io.chorus.platform.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts, retries, circuit breaker and bulkhead of service-to-service calls
 * ({@code chorus.client.*}). The whole-call {@code timeout} (2 s) is kept below the mesh's
 * per-try timeout, so the mesh sees a clean failure; the application retries idempotent calls at
 * most {@code retry.max-retries} times, so the mesh must not retry those routes (no stacked
 * retries, see {@code docs/observability.md}).
 *
 * @param connectTimeout  time to establish a TCP connection
 * @param responseTimeout longest silence while waiting for (any part of) the response
 * @param timeout         budget of one attempt, until the response headers arrived
 * @param retry           application retries (idempotent methods only)
 * @param circuitBreaker  one breaker per downstream service
 * @param bulkhead        at most this many concurrent calls per downstream service
 */
@ConfigurationProperties("chorus.client")
public record ClientProperties(Duration connectTimeout, Duration responseTimeout, Duration timeout, Retry retry,
		CircuitBreaker circuitBreaker, Bulkhead bulkhead) {

	@ConstructorBinding
	public ClientProperties(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("5s") Duration responseTimeout,
			@DefaultValue("2s") Duration timeout, @DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker,
			@DefaultValue Bulkhead bulkhead) {
		this.connectTimeout = connectTimeout;
		this.responseTimeout = responseTimeout;
		this.timeout = timeout;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("chorus.client.timeout must be positive");
		}
	}

	/** Timeouts only; retries, breaker and bulkhead with their defaults. */
	public ClientProperties(Duration connectTimeout, Duration responseTimeout) {
		this(connectTimeout, responseTimeout, Duration.ofSeconds(2), Retry.DEFAULTS, CircuitBreaker.DEFAULTS,
				Bulkhead.DEFAULTS);
	}

	/**
	 * Application retries of idempotent calls (GET, HEAD; PUT and DELETE only when flagged with
	 * {@link ServiceClients#idempotent()}); POST and PATCH are never retried.
	 *
	 * @param maxRetries     retries after the first attempt (0 turns retries off)
	 * @param initialBackoff first delay; doubles per retry, ±50 % jitter
	 * @param maxBackoff     cap of the delay
	 */
	public record Retry(@DefaultValue("1") int maxRetries, @DefaultValue("50ms") Duration initialBackoff,
			@DefaultValue("500ms") Duration maxBackoff) {

		static final Retry DEFAULTS = new Retry(1, Duration.ofMillis(50), Duration.ofMillis(500));

		public Retry {
			if (maxRetries < 0 || maxRetries > 5) {
				throw new IllegalArgumentException("chorus.client.retry.max-retries must be 0..5");
			}
		}

	}

	/**
	 * Resilience4j circuit breaker per downstream service (count-based window). Failures are
	 * 5xx answers, timeouts and connection failures; 4xx answers are not failures.
	 *
	 * @param enabled                 turn the breakers off
	 * @param failureRateThreshold    percentage of failed calls that opens the breaker
	 * @param slidingWindowSize       calls the failure rate is computed over
	 * @param minimumNumberOfCalls    calls needed before the rate counts
	 * @param waitDurationInOpenState how long an open breaker short-circuits before probing
	 * @param permittedCallsInHalfOpenState probe calls while half-open
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
			@DefaultValue("10s") Duration waitDurationInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {

		static final CircuitBreaker DEFAULTS = new CircuitBreaker(true, 50, 20, 10, Duration.ofSeconds(10), 3);

	}

	/**
	 * Semaphore bulkhead per downstream service. Never waits for a permit (that would block a
	 * thread): a call over the limit fails at once with 503.
	 *
	 * @param enabled            turn the bulkheads off
	 * @param maxConcurrentCalls concurrent calls allowed per downstream
	 */
	public record Bulkhead(@DefaultValue("true") boolean enabled, @DefaultValue("64") int maxConcurrentCalls) {

		static final Bulkhead DEFAULTS = new Bulkhead(true, 64);

	}

}
