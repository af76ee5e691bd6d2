package io.chorus.platform.events.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.TopicDeclarations;
import io.chorus.platform.events.kafka.TopicDeclarations.TopicSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOffset;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;

/**
 * One consumer group reading one or more topics. Declare it as a {@code @Bean} so that it starts
 * with the application and stops gracefully with it.
 *
 * <p>Each partition is processed strictly in order (records grouped by partition, one at a time
 * per partition), different partitions in parallel. An offset is acknowledged only after its
 * record was applied, skipped as a duplicate or dead-lettered, and acknowledged offsets are
 * committed every {@code commit-interval}, on rebalance and on shutdown: at-least-once delivery
 * with an idempotent effect. Stopping takes no new records, lets the records in progress finish,
 * commits, then closes the Kafka consumer.
 */
public final class EventConsumer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(EventConsumer.class);

	private static final Duration COMMIT_ON_STOP_TIMEOUT = Duration.ofSeconds(10);


	private final ConsumerSettings settings;

	private final KafkaClients clients;

	private final TopicDeclarations topics;

	private final ConsumerProperties properties;

	private final Function<Function<String, Duration>, RecordProcessor> processors;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<TopicPartition, ReceiverOffset> lastAcknowledged = new ConcurrentHashMap<>();

	private volatile boolean running;

	private AtomicBoolean finished = new AtomicBoolean(true);

	private @Nullable Disposable subscription;

	private @Nullable Runnable onStopped;

	private final MeterRegistry meters;

	/** Lag per assigned partition, behind the {@code chorus.consumer.lag} gauges. */
	private final Map<TopicPartition, LagGauge> lags = new ConcurrentHashMap<>();

	private volatile @Nullable KafkaReceiver<String, byte[]> receiver;

	/** Per partition, the offset of the next record not yet done (in progress or waiting). */
	private final Map<TopicPartition, Long> nextToProcess = new ConcurrentHashMap<>();

	private @Nullable Disposable lagSampler;

	EventConsumer(ConsumerSettings settings, KafkaClients clients, TopicDeclarations topics,
			ConsumerProperties properties, Function<Function<String, Duration>, RecordProcessor> processors) {
		this(settings, clients, topics, properties, processors, new SimpleMeterRegistry());
	}

	EventConsumer(ConsumerSettings settings, KafkaClients clients, TopicDeclarations topics,
			ConsumerProperties properties, Function<Function<String, Duration>, RecordProcessor> processors,
			MeterRegistry meters) {
		this.meters = meters;
		this.settings = settings;
		this.clients = clients;
		this.topics = topics;
		this.properties = properties;
		this.processors = processors;
	}

	public String group() {
		return this.settings.group();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.finished = new AtomicBoolean();
		this.lastAcknowledged.clear();
		this.subscription = prepare().flatMapMany(this::receive)
			.subscribe(null, ex -> {
				if (this.running) {
					log.error("Consumer " + group() + " stopped unexpectedly", ex);
				}
			});
		this.nextToProcess.clear();
		this.lagSampler = Flux.interval(this.properties.lagInterval(), this.properties.lagInterval())
			.onBackpressureDrop() // a sample slower than the interval skips ticks
			.concatMap(tick -> sampleLag().onErrorResume(ex -> {
				log.debug("Consumer " + group() + " could not sample its lag: " + ex);
				return Mono.empty();
			}))
			.subscribe();
	}

	/**
	 * Lag of every assigned partition: the partition's end (fetch position + the fetch's own lag,
	 * both known locally, no broker call) minus the next record not yet done — so records fetched
	 * but still waiting or in progress count. Read on the receiver's own thread. One gauge per
	 * assigned partition: partitions this replica no longer owns lose theirs, so the series stay
	 * bounded by the partition count.
	 */
	private Mono<Void> sampleLag() {
		KafkaReceiver<String, byte[]> current = this.receiver;
		if (current == null) {
			return Mono.empty();
		}
		return current.doOnConsumer(consumer -> {
			Map<TopicPartition, Long> lag = new HashMap<>();
			Set<TopicPartition> assignment = consumer.assignment();
			this.nextToProcess.keySet().retainAll(assignment);
			for (TopicPartition partition : assignment) {
				var fetchLag = consumer.currentLag(partition);
				if (fetchLag.isPresent()) {
					// a known fetch lag implies a known position: position() makes no remote call here
					long end = consumer.position(partition) + fetchLag.getAsLong();
					long next = this.nextToProcess.getOrDefault(partition, end - fetchLag.getAsLong());
					lag.put(partition, Math.max(0, end - next));
				}
				else {
					lag.put(partition, -1L);
				}
			}
			return lag;
		}).doOnNext(this::updateLag).then();
	}

	private void updateLag(Map<TopicPartition, Long> sampled) {
		sampled.forEach((partition, lag) -> {
			if (lag >= 0) {
				this.lags.computeIfAbsent(partition, this::lagGauge).value().set(lag);
			}
		});
		Set<TopicPartition> revoked = Set.copyOf(this.lags.keySet());
		for (TopicPartition partition : revoked) {
			if (!sampled.containsKey(partition)) {
				removeLagGauge(partition);
			}
		}
	}

	private LagGauge lagGauge(TopicPartition partition) {
		AtomicLong value = new AtomicLong();
		Gauge gauge = Gauge.builder("chorus.consumer.lag", value, AtomicLong::get)
			.description("Records between the consumer's position and the end of the partition")
			.tag("group", group())
			.tag("topic", partition.topic())
			.tag("partition", Integer.toString(partition.partition()))
			.register(this.meters);
		return new LagGauge(gauge, value);
	}

	private void removeLagGauge(TopicPartition partition) {
		LagGauge gauge = this.lags.remove(partition);
		if (gauge != null) {
			this.meters.remove(gauge.gauge());
		}
	}

	private record LagGauge(Gauge gauge, AtomicLong value) {
	}

	/** Creates the dead-letter topics and learns the consumed topics' retention (for the dedupe TTL). */
	private Mono<RecordProcessor> prepare() {
		var deadLetterTopics = this.settings.topics()
			.stream()
			.map(topic -> this.topics.find(topic)
				.map(spec -> new TopicSpec(DeadLetters.topic(topic, group()), spec.partitions(),
						spec.replicationFactor(), this.properties.deadLetterRetention()))
				.orElseGet(() -> new TopicSpec(DeadLetters.topic(topic, group()), null, null,
						this.properties.deadLetterRetention())))
			.toList();
		return this.topics.ready()
			.then(this.topics.declare(deadLetterTopics))
			.then(this.topics.retention(this.settings.topics()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
				.maxBackoff(Duration.ofSeconds(30))
				.filter(ex -> this.running)
				.doBeforeRetry(signal -> log.warn("Consumer " + group() + " cannot reach Kafka yet: " + signal.failure())))
			.map(retention -> this.processors.apply(topic -> longest(this.settings.dedupeTtl(), retention.get(topic))));
	}

	private static Duration longest(Duration configured, @Nullable Duration retention) {
		return (retention != null && retention.compareTo(configured) > 0) ? retention : configured;
	}

	private Flux<Void> receive(RecordProcessor processor) {
		return Flux
			.defer(() -> {
				KafkaReceiver<String, byte[]> created = KafkaReceiver
					.create(this.clients.receiverOptions(group(), this.settings.topics(), this.properties.commitInterval()));
				this.receiver = created;
				return created.receive();
			})
			.groupBy(record -> record.receiverOffset().topicPartition())
			.flatMap(partition -> partition.concatMap(record -> handle(record, processor)), 1024)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
				.maxBackoff(Duration.ofSeconds(30))
				.filter(ex -> this.running)
				.doBeforeRetry(signal -> log.warn("Consumer " + group() + " restarts after: " + signal.failure())));
	}

	private Mono<Void> handle(ReceiverRecord<String, byte[]> record, RecordProcessor processor) {
		this.inFlight.incrementAndGet();
		this.nextToProcess.putIfAbsent(record.receiverOffset().topicPartition(), record.offset());
		if (!this.running) {
			// Not acknowledged: the next owner of the partition gets it again.
			release();
			return Mono.empty();
		}
		return processor.process(record).then(Mono.fromRunnable(() -> {
			record.receiverOffset().acknowledge();
			this.lastAcknowledged.put(record.receiverOffset().topicPartition(), record.receiverOffset());
			this.nextToProcess.put(record.receiverOffset().topicPartition(), record.offset() + 1);
		})).doFinally(signal -> release()).then();
	}

	private void release() {
		if (this.inFlight.decrementAndGet() == 0 && !this.running) {
			finish();
		}
	}

	@Override
	public void stop(Runnable callback) {
		synchronized (this) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.onStopped = callback;
			this.running = false;
		}
		if (this.inFlight.get() == 0) {
			finish();
		}
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/** Once nothing is in progress: commit what was acknowledged, close the consumer, report stopped. */
	private void finish() {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		Flux.fromIterable(this.lastAcknowledged.values())
			.concatMap(offset -> offset.commit().onErrorResume(ex -> Mono.empty()))
			.then()
			.timeout(COMMIT_ON_STOP_TIMEOUT)
			.onErrorResume(ex -> Mono.empty())
			.doFinally(signal -> stopped())
			.subscribe();
	}

	private synchronized void stopped() {
		if (this.subscription != null) {
			this.subscription.dispose();
			this.subscription = null;
		}
		if (this.lagSampler != null) {
			this.lagSampler.dispose();
			this.lagSampler = null;
		}
		this.receiver = null;
		Set.copyOf(this.lags.keySet()).forEach(this::removeLagGauge);
		this.nextToProcess.clear();
		if (this.onStopped != null) {
			this.onStopped.run();
			this.onStopped = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
