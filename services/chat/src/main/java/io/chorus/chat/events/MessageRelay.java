package io.chorus.chat.events;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chorus.chat.store.MessageStore;
import io.chorus.chat.store.MessageStore.Pending;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.kafka.EventPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes {@code chorus.chat.message.posted.v1} for messages with offline recipients. The message
 * document itself carries the outbox state ({@code pending} + a fixed {@code eventId}): the send path
 * tries at once, and a sweep retries whatever is still pending after {@code grace} (broker down, pod
 * died in between). Re-publishing keeps the event id, so consumers drop duplicates (several replicas
 * may sweep the same message; the consumer's dedupe makes that harmless).
 */
public final class MessageRelay implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(MessageRelay.class);

	public static final String TYPE = CloudEvent.type("chat", "message", "posted");

	private final MessageStore messages;

	private final EventPublisher publisher;

	private final JsonMapper mapper;

	private final String topic;

	private final String source;

	private final Clock clock;

	private final Duration interval;

	private final Duration grace;

	private @Nullable Disposable sweeper;

	public MessageRelay(MessageStore messages, EventPublisher publisher, JsonMapper mapper, String topic,
			String source, Clock clock, Duration interval, Duration grace) {
		this.messages = messages;
		this.publisher = publisher;
		this.mapper = mapper;
		this.topic = topic;
		this.source = source;
		this.clock = clock;
		this.interval = interval;
		this.grace = grace;
	}

	/** Publishes the event of one pending message and clears its flag. */
	public Mono<Void> relay(Pending pending) {
		return Mono.defer(() -> this.publisher.publish(this.topic, event(pending)))
			.then(this.messages.relayed(pending.message().id()));
	}

	/** One sweep: every message pending for longer than the grace period, oldest first. */
	public Mono<Long> sweep() {
		return this.messages.pending(this.clock.instant().minus(this.grace), 500)
			.concatMap(p -> relay(p).thenReturn(1L))
			.count();
	}

	CloudEvent event(Pending pending) {
		var m = pending.message();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("messageId", m.id());
		data.put("roomId", m.roomId());
		data.put("seq", m.seq());
		data.put("senderId", m.senderId());
		data.put("body", m.body());
		data.put("sentAt", m.sentAt().toString());
		data.put("offlineRecipients", pending.offlineRecipients());
		return CloudEvent.of(pending.eventId(), TYPE, this.source, m.roomId(), m.sentAt(),
				this.mapper.valueToTree(data));
	}

	@Override
	public void start() {
		this.sweeper = Flux.interval(this.interval, this.interval)
			.onBackpressureDrop()
			.concatMap(tick -> sweep().onErrorResume(ex -> {
				log.warn("Relaying pending chat events failed, retrying in " + this.interval + ": " + ex);
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable s = this.sweeper;
		if (s != null) {
			s.dispose();
		}
		this.sweeper = null;
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

}
