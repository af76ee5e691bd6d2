package io.chorus.platform.events.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chorus.platform.events.kafka.KafkaClients;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the relaying replica holds while it leads: the dedicated connection with the named lock
 * (and the SQL that runs on it) and the transactional producer. Built only once the lock is taken.
 *
 * <p>A heartbeat checks the lock every third of {@code lock-timeout}. It keeps the session from
 * idling into the server's {@code wait_timeout} (which is what frees the lock of a leader that
 * went silent without closing its connection), and tells this leader when it lost the lock or the
 * connection stopped answering, so it resigns instead of relaying on.
 */
final class OutboxLeader {

	private static final Log log = LogFactory.getLog(OutboxLeader.class);

	private final Connection connection;

	private final OutboxStore store;

	private final OutboxPublisher publisher;

	private final AtomicBoolean lost = new AtomicBoolean();

	private final Disposable heartbeat;

	private OutboxLeader(Connection connection, OutboxStore store, OutboxPublisher publisher, Duration lockTimeout) {
		this.connection = connection;
		this.store = store;
		this.publisher = publisher;
		Duration every = lockTimeout.dividedBy(3);
		this.heartbeat = Flux.interval(every, every)
			.onBackpressureDrop()
			.concatMap(tick -> store.holdsLock().onErrorResume(ex -> {
				log.warn("Outbox relay heartbeat failed: " + ex);
				return Mono.just(false);
			}))
			.filter(held -> !held)
			.next()
			.subscribe(notHeld -> this.lost.set(true));
	}

	/**
	 * Opens a connection and tries the lock once. Empty (connection closed again) when another
	 * replica leads.
	 * @param relayId names the lock and the transactional id; {@code null} for the database name
	 */
	static Mono<OutboxLeader> tryLead(ConnectionFactory connections, @Nullable String relayId, KafkaClients clients,
			Duration lockTimeout) {
		return Mono.from(connections.create()).timeout(lockTimeout).flatMap(candidate -> {
			Mono<String> id = (relayId != null) ? Mono.just(relayId) : OutboxStore.database(candidate).timeout(lockTimeout);
			return id.flatMap(name -> {
				OutboxStore store = new OutboxStore(candidate, "chorus_outbox." + name, lockTimeout);
				return store.limitIdleSession(lockTimeout).then(store.tryLock()).flatMap(locked -> {
					if (!locked) {
						return Mono.from(candidate.close()).then(Mono.<OutboxLeader>empty());
					}
					log.info("This instance now relays outbox " + name);
					return Mono.just(new OutboxLeader(candidate, store,
							new OutboxPublisher(clients, "outbox-" + name), lockTimeout));
				});
			}).onErrorResume(ex -> Mono.from(candidate.close()).onErrorResume(e -> Mono.empty()).then(Mono.error(ex)));
		});
	}

	OutboxStore store() {
		return this.store;
	}

	OutboxPublisher publisher() {
		return this.publisher;
	}

	/** True once the heartbeat found the lock gone or the connection silent: stop relaying. */
	boolean lost() {
		return this.lost.get();
	}

	/** Gives up leadership: producer closed first, then the lock released and its connection closed. */
	Mono<Void> resign() {
		this.heartbeat.dispose();
		return this.publisher.reset()
			.then(this.store.unlock().onErrorResume(ex -> Mono.empty()))
			.then(Mono.from(this.connection.close()).onErrorResume(ex -> Mono.empty()));
	}

}
