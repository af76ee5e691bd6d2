package io.chorus.platform.events.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chorus.platform.events.consumer.DeadLetters;
import io.chorus.platform.events.consumer.EventDeduplicator;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.platform.events.kafka.KafkaFutures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * Operator actions on events, for an admin endpoint ({@link EventReplayEndpoint}) or the command
 * line ({@link ReplayCommand}).
 */
public final class ReplayTool {

	/** A replay that receives nothing for this long has lost its way; it fails instead of hanging. */
	private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

	private final KafkaClients clients;

	private final Admin admin;

	private final EventPublisher publisher;

	private final @Nullable EventDeduplicator dedupe;

	public ReplayTool(KafkaClients clients, Admin admin, EventPublisher publisher, @Nullable EventDeduplicator dedupe) {
		this.clients = clients;
		this.admin = admin;
		this.publisher = publisher;
		this.dedupe = dedupe;
	}

	/**
	 * Publishes every dead letter of {@code group} for {@code topic} back to its original topic
	 * (original key, value, headers and timestamp; the {@code chorus-dlq-*} headers dropped), in
	 * order, committing the dead-letter topic's own replay offset after each one. A second run
	 * therefore publishes only dead letters that arrived since. Records dead-lettered while the
	 * replay runs wait for the next run, so a still-failing event cannot loop. Every consumer
	 * group of the original topic receives the record again; those that had applied it skip it
	 * by its event id.
	 */
	public Mono<DeadLetterReplay> replayDeadLetters(String topic, String group) {
		String deadLetters = DeadLetters.topic(topic, group);
		String replayGroup = "chorus-replay." + deadLetters;
		return partitions(deadLetters).flatMap(partitions -> Mono
			.zip(offsets(partitions, OffsetSpec.earliest()), offsets(partitions, OffsetSpec.latest()),
					KafkaFutures.mono(() -> this.admin.listConsumerGroupOffsets(replayGroup).partitionsToOffsetAndMetadata()))
			.flatMap(offsets -> {
				Map<TopicPartition, Long> start = new HashMap<>();
				Map<TopicPartition, Long> end = new ConcurrentHashMap<>();
				for (TopicPartition partition : partitions) {
					OffsetAndMetadata committed = offsets.getT3().get(partition);
					long from = Math.max(offsets.getT1().get(partition), (committed != null) ? committed.offset() : 0L);
					if (from < offsets.getT2().get(partition)) {
						start.put(partition, from);
						end.put(partition, offsets.getT2().get(partition));
					}
				}
				if (start.isEmpty()) {
					return Mono.just(new DeadLetterReplay(deadLetters, 0));
				}
				return republish(replayGroup, start, end).map(count -> new DeadLetterReplay(deadLetters, count));
			}));
	}

	private Mono<Long> republish(String replayGroup, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
		ReceiverOptions<String, byte[]> options = this.clients.receiverOptions(replayGroup)
			.assignment(start.keySet())
			.addAssignListener(assigned -> assigned.forEach(p -> p.seek(start.get(p.topicPartition()))));
		Set<TopicPartition> remaining = ConcurrentHashMap.newKeySet();
		remaining.addAll(start.keySet());
		return KafkaReceiver.create(options)
			.receive()
			.filter(record -> record.offset() < end.get(record.receiverOffset().topicPartition()))
			.concatMap(record -> this.publisher.send(original(record))
				.then(Mono.defer(() -> record.receiverOffset().commit()))
				.then(Mono.fromSupplier(() -> {
					if (record.offset() + 1 >= end.get(record.receiverOffset().topicPartition())) {
						remaining.remove(record.receiverOffset().topicPartition());
					}
					return remaining.isEmpty();
				})))
			.timeout(STALL_TIMEOUT)
			.takeUntil(done -> done)
			.count();
	}

	private static ProducerRecord<String, byte[]> original(ReceiverRecord<String, byte[]> deadLetter) {
		RecordHeaders headers = new RecordHeaders();
		deadLetter.headers().forEach(header -> {
			if (!header.key().startsWith(DeadLetters.HEADER_PREFIX)) {
				headers.add(header);
			}
		});
		String topic = DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_TOPIC);
		String timestamp = DeadLetters.header(deadLetter.headers(), DeadLetters.ORIGINAL_TIMESTAMP);
		if (topic == null) {
			throw new IllegalStateException("Dead letter " + where(deadLetter) + " has no " + DeadLetters.ORIGINAL_TOPIC);
		}
		return new ProducerRecord<>(topic, null, (timestamp != null) ? Long.parseLong(timestamp) : deadLetter.timestamp(),
				deadLetter.key(), deadLetter.value(), headers);
	}

	/**
	 * Moves {@code group}'s committed offsets on {@code topic} back (or forward) to the first record
	 * at or after {@code from} (the record timestamp, which Chorus sets to the event time), then
	 * forgets the group's dedupe entries from that time on so the events are applied again. Only
	 * this group is affected. Kafka accepts new offsets only for a group without active members,
	 * so the group's consumers must be stopped first; otherwise this fails and changes nothing.
	 */
	public Mono<Rewind> rewind(String topic, String group, Instant from) {
		return KafkaFutures.mono(() -> this.admin.describeConsumerGroups(List.of(group)).all())
			.map(groups -> groups.get(group).members().size())
			// A group that never committed does not exist yet: nothing is running in it either.
			.onErrorResume(GroupIdNotFoundException.class, ex -> Mono.just(0))
			.flatMap(members -> (members == 0) ? Mono.empty() : Mono.error(activeMembers(group, members)))
			.then(partitions(topic))
			.flatMap(partitions -> Mono.zip(offsets(partitions, OffsetSpec.forTimestamp(from.toEpochMilli())),
					offsets(partitions, OffsetSpec.latest())))
			.flatMap(offsets -> {
				Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
				offsets.getT2().forEach((partition, latest) -> {
					long atTime = offsets.getT1().get(partition);
					target.put(partition, new OffsetAndMetadata((atTime >= 0) ? atTime : latest));
				});
				return KafkaFutures.mono(() -> this.admin.alterConsumerGroupOffsets(group, target).all())
					.onErrorMap(UnknownMemberIdException.class, ex -> activeMembers(group, -1))
					.then(forget(group, from))
					.map(forgotten -> new Rewind(topic, group, from, target.entrySet()
						.stream()
						.collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset(), (a, b) -> a,
								TreeMap::new)),
							forgotten));
			});
	}

	private Mono<Long> forget(String group, Instant from) {
		return (this.dedupe != null) ? this.dedupe.forget(group, from) : Mono.just(-1L);
	}

	private static IllegalStateException activeMembers(String group, int members) {
		return new IllegalStateException("Consumer group '" + group + "' has "
				+ ((members >= 0) ? members + " active member(s)" : "active members")
				+ ": stop its consumers (scale the service to zero or stop the consumer) before rewinding it");
	}

	private Mono<List<TopicPartition>> partitions(String topic) {
		return KafkaFutures.mono(() -> this.admin.describeTopics(List.of(topic)).allTopicNames())
			.map(topics -> topics.get(topic))
			.map(ReplayTool::partitions);
	}

	private static List<TopicPartition> partitions(TopicDescription description) {
		return description.partitions().stream().map(p -> new TopicPartition(description.name(), p.partition())).toList();
	}

	private Mono<Map<TopicPartition, Long>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), p -> spec));
		return KafkaFutures.mono(() -> this.admin.listOffsets(request).all())
			.map(result -> result.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, e -> offset(e.getValue()))));
	}

	private static long offset(ListOffsetsResultInfo info) {
		return info.offset();
	}

	private static String where(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
