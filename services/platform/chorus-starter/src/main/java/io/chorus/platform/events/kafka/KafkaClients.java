package io.chorus.platform.events.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;

/**
 * Builds Kafka client options from {@link ChorusKafkaProperties}. User settings go in first and
 * the guarantees Chorus relies on are applied last, so configuration cannot weaken them: acks=all,
 * idempotence, at most 5 requests in flight (the idempotent producer keeps order only up to 5),
 * read_committed consumers (the outbox relay publishes in transactions), manual commits and no
 * topic auto-creation.
 *
 * <p>Records are always keyed by a string (the aggregate id) and carry bytes (the encoded event).
 */
public final class KafkaClients implements AutoCloseable {

	/** Prefix of transactional ids; {@link KafkaBlockHoundIntegration} recognises their threads by it. */
	public static final String TRANSACTIONAL_ID_PREFIX = "chorus-tx-";

	private final ChorusKafkaProperties properties;

	private final String clientId;

	private final @Nullable MeterRegistry meters;

	private final AtomicInteger clientSequence = new AtomicInteger();

	/**
	 * Admin clients wait for pending calls on close (up to 60 s when the broker is away). At
	 * shutdown nothing pending is worth waiting for: topic declarations run again at the next start.
	 */
	static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ZERO;

	private final List<Admin> admins = new CopyOnWriteArrayList<>();

	/**
	 * Where producer calls run. {@code KafkaProducer.send} can block (metadata, full buffer), so it
	 * must not run on the caller's thread, which may be an event loop (reactor-kafka's default).
	 */
	private final Scheduler producerScheduler = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE,
			"chorus-kafka-producer", 60, true);

	public KafkaClients(ChorusKafkaProperties properties, String clientId, @Nullable MeterRegistry meters) {
		if (properties.bootstrapServers() == null || properties.bootstrapServers().isBlank()) {
			throw new IllegalStateException("chorus.kafka.bootstrap-servers is not set");
		}
		this.properties = properties;
		this.clientId = clientId;
		this.meters = meters;
	}

	public ChorusKafkaProperties properties() {
		return this.properties;
	}

	/** Idempotent producer options for direct publishing (dead letters, replay). */
	public SenderOptions<String, byte[]> senderOptions(String purpose) {
		return withMeters(SenderOptions.<String, byte[]>create(producerConfig(purpose))
			.scheduler(this.producerScheduler)
			.stopOnError(true));
	}

	/**
	 * Transactional producer options. One {@code transactionalId} must belong to one logical
	 * producer: a new producer with the same id fences the previous one (zombie protection).
	 */
	public SenderOptions<String, byte[]> transactionalSenderOptions(String transactionalId) {
		Map<String, Object> config = producerConfig("tx");
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + transactionalId);
		return withMeters(SenderOptions.<String, byte[]>create(config).stopOnError(true));
	}

	public ReceiverOptions<String, byte[]> receiverOptions(String groupId, Collection<String> topics,
			Duration commitInterval) {
		return receiverOptions(groupId).subscription(topics).commitInterval(commitInterval);
	}

	/** Consumer options without a subscription (for assignment-based tools such as replay). */
	public ReceiverOptions<String, byte[]> receiverOptions(String groupId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.putAll(this.properties.consumer());
		config.putAll(common(groupId));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		ReceiverOptions<String, byte[]> options = ReceiverOptions.create(config);
		return (this.meters != null) ? options.consumerListener(new MicrometerConsumerListener(this.meters)) : options;
	}

	/** A new admin client, closed by {@link #close()}, which fails its pending calls. */
	public Admin createAdmin() {
		Map<String, Object> config = new HashMap<>(this.properties.admin());
		config.putAll(common("admin"));
		Admin admin = Admin.create(config);
		this.admins.add(admin);
		return admin;
	}

	private Map<String, Object> producerConfig(String purpose) {
		Map<String, Object> config = new HashMap<>(this.properties.producer());
		config.putAll(common(purpose));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		int inFlight = Integer.parseInt(String.valueOf(
				config.getOrDefault(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5")));
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Math.min(Math.max(inFlight, 1), 5));
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return config;
	}

	private Map<String, Object> common(String purpose) {
		Map<String, Object> config = new HashMap<>();
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		// Unique per client: Kafka registers metrics and MBeans by client id.
		config.put(CommonClientConfigs.CLIENT_ID_CONFIG,
				this.clientId + "-" + purpose + "-" + this.clientSequence.incrementAndGet());
		return config;
	}

	private SenderOptions<String, byte[]> withMeters(SenderOptions<String, byte[]> options) {
		return (this.meters != null) ? options.producerListener(new MicrometerProducerListener(this.meters)) : options;
	}

	/** Closes the admin clients and the producer scheduler: call on shutdown, not on an event loop. */
	@Override
	public void close() {
		this.admins.forEach(admin -> admin.close(ADMIN_CLOSE_TIMEOUT));
		this.admins.clear();
		this.producerScheduler.dispose();
	}

}
