package io.chorus.platform.events.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates the topics a service declares, idempotently and without blocking: missing topics are
 * created with their partitions, replication factor and {@code retention.ms}; existing ones get
 * their retention converged to the declared value. Partition counts of existing topics are never
 * changed (that would move keys to other partitions and break per-key order).
 *
 * <p>Declared topics are also the allow-list for the outbox: appending to an undeclared topic
 * fails in the caller's transaction instead of stalling the relay behind a topic that will never
 * exist (the per-day-topic defect of earlier systems).
 */
public final class TopicDeclarations implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(TopicDeclarations.class);

	private final Admin admin;

	private final boolean create;

	private final Map<String, TopicSpec> declared = new ConcurrentHashMap<>();

	private volatile Mono<Void> ready;

	private volatile boolean stopped;

	private volatile @Nullable Disposable starting;

	public TopicDeclarations(Admin admin, ChorusKafkaProperties properties) {
		this.admin = admin;
		this.create = properties.createTopics();
		properties.topics()
			.forEach((name, topic) -> this.declared.put(name,
					new TopicSpec(name, topic.partitions(), topic.replicationFactor(), topic.retention())));
		this.ready = declareConfigured();
	}

	/** Retried until the broker answers (or this stops), then remembered: relays and consumers wait on it. */
	private Mono<Void> declareConfigured() {
		List<TopicSpec> configured = List.copyOf(this.declared.values());
		return Mono.defer(() -> ensure(configured))
			.doOnError(ex -> log.warn("Declaring topics failed, will retry: " + ex))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
				.maxBackoff(Duration.ofSeconds(30))
				.filter(ex -> !this.stopped))
			.cache();
	}

	/** A topic to declare. {@code null} partitions or replication factor mean the broker default. */
	public record TopicSpec(String name, @Nullable Integer partitions, @Nullable Short replicationFactor,
			Duration retention) {
	}

	public boolean isDeclared(String topic) {
		return this.declared.containsKey(topic);
	}

	public Optional<TopicSpec> find(String topic) {
		return Optional.ofNullable(this.declared.get(topic));
	}

	/**
	 * Starts declaring the configured topics as the application starts (without waiting for
	 * them), so that they exist before anything publishes, whether or not this service relays
	 * or consumes.
	 */
	@Override
	public void start() {
		if (this.stopped) {
			this.stopped = false;
			this.ready = declareConfigured(); // the previous attempt may have ended with the stop
		}
		this.starting = ready().subscribe(null, ex -> log.debug("Declaring topics ended: " + ex));
	}

	@Override
	public void stop() {
		this.stopped = true;
		Disposable current = this.starting;
		if (current != null) {
			current.dispose();
		}
		this.starting = null;
	}

	@Override
	public boolean isRunning() {
		return this.starting != null;
	}

	/** Before the relay and the consumers, which wait for {@link #ready()}. */
	@Override
	public int getPhase() {
		return 0;
	}

	/** Completes once the configured topics exist (immediately when topic creation is off). */
	public Mono<Void> ready() {
		return this.create ? this.ready : Mono.empty();
	}

	/** Declares more topics at run time (e.g. dead-letter topics) and creates them. */
	public Mono<Void> declare(Collection<TopicSpec> topics) {
		topics.forEach(topic -> this.declared.putIfAbsent(topic.name(), topic));
		return this.create ? ensure(topics) : Mono.empty();
	}

	/** One attempt to create the missing topics and converge the retention of existing ones. */
	public Mono<Void> ensure(Collection<TopicSpec> topics) {
		if (topics.isEmpty()) {
			return Mono.empty();
		}
		return KafkaFutures.mono(() -> this.admin.listTopics().names()).flatMap(existing -> {
			List<TopicSpec> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
			List<TopicSpec> present = topics.stream().filter(t -> existing.contains(t.name())).toList();
			return createMissing(missing).then(convergeRetention(present));
		});
	}

	private Mono<Void> createMissing(List<TopicSpec> missing) {
		if (missing.isEmpty()) {
			return Mono.empty();
		}
		List<NewTopic> newTopics = missing.stream()
			.map(t -> new NewTopic(t.name(), Optional.ofNullable(t.partitions()), Optional.ofNullable(t.replicationFactor()))
				.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(t.retention().toMillis()))))
			.toList();
		return Mono.defer(() -> Flux.fromIterable(this.admin.createTopics(newTopics).values().entrySet())
			.flatMap(created -> KafkaFutures.mono(created::getValue)
				.doOnSuccess(ignored -> log.info("Created Kafka topic " + created.getKey()))
				// Another replica won the race: the topic exists, which is all we want.
				.onErrorResume(TopicExistsException.class, ex -> Mono.empty()))
			.then());
	}

	private Mono<Void> convergeRetention(List<TopicSpec> present) {
		if (present.isEmpty()) {
			return Mono.empty();
		}
		Map<ConfigResource, TopicSpec> byResource = new HashMap<>();
		present.forEach(t -> byResource.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t));
		return KafkaFutures.mono(() -> this.admin.describeConfigs(byResource.keySet()).all()).flatMap(configs -> {
			Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
			configs.forEach((resource, config) -> {
				String wanted = Long.toString(byResource.get(resource).retention().toMillis());
				if (!wanted.equals(retention(config))) {
					changes.put(resource, Set.of(new AlterConfigOp(
							new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, wanted), AlterConfigOp.OpType.SET)));
				}
			});
			if (changes.isEmpty()) {
				return Mono.empty();
			}
			log.info("Setting retention.ms of " + changes.keySet().stream().map(ConfigResource::name).toList());
			return KafkaFutures.mono(() -> this.admin.incrementalAlterConfigs(changes).all());
		});
	}

	/**
	 * The broker's {@code retention.ms} of each existing topic among {@code names}; topics that do
	 * not exist (yet) or keep records forever are left out.
	 */
	public Mono<Map<String, Duration>> retention(Collection<String> names) {
		return Mono.defer(() -> {
			List<ConfigResource> resources = names.stream()
				.map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
				.toList();
			return Flux.fromIterable(this.admin.describeConfigs(resources).values().entrySet())
				.flatMap(entry -> KafkaFutures.mono(entry::getValue)
					.flatMap(config -> Mono.justOrEmpty(retention(config)))
					.map(Long::parseLong)
					.filter(millis -> millis >= 0)
					.map(millis -> Map.entry(entry.getKey().name(), Duration.ofMillis(millis)))
					.onErrorResume(UnknownTopicOrPartitionException.class, ex -> Mono.empty()))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		});
	}

	private static @Nullable String retention(Config config) {
		ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
		return (entry != null) ? entry.value() : null;
	}

}
