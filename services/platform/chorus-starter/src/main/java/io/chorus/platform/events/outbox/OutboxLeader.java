package io.chorus.platform.events.outbox;

import io.chorus.platform.events.kafka.KafkaClients;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What the relaying replica holds while it leads: the dedicated connection with the named lock
 * (and the SQL that runs on it) and the transactional producer. Built only once the lock is taken.
 */
record OutboxLeader(Connection connection, OutboxStore store, OutboxPublisher publisher) {

	private static final Log log = LogFactory.getLog(OutboxLeader.class);

	/**
	 * Opens a connection and tries the lock once. Empty (connection closed again) when another
	 * replica leads.
	 * @param relayId names the lock and the transactional id; {@code null} for the database name
	 */
	static Mono<OutboxLeader> tryLead(ConnectionFactory connections, @Nullable String relayId, KafkaClients clients) {
		return Mono.from(connections.create()).flatMap(candidate -> {
			Mono<String> id = (relayId != null) ? Mono.just(relayId) : OutboxStore.database(candidate);
			return id.flatMap(name -> {
				OutboxStore store = new OutboxStore(candidate, "chorus_outbox." + name);
				return store.tryLock().flatMap(locked -> {
					if (!locked) {
						return Mono.from(candidate.close()).then(Mono.<OutboxLeader>empty());
					}
					log.info("This instance now relays outbox " + name);
					return Mono.just(new OutboxLeader(candidate, store, new OutboxPublisher(clients, "outbox-" + name)));
				});
			}).onErrorResume(ex -> Mono.from(candidate.close()).onErrorResume(e -> Mono.empty()).then(Mono.error(ex)));
		});
	}

	/** Gives up leadership: producer closed first, then the lock released and its connection closed. */
	Mono<Void> resign() {
		return this.publisher.reset()
			.then(this.store.unlock().onErrorResume(ex -> Mono.empty()))
			.then(Mono.from(this.connection.close()).onErrorResume(ex -> Mono.empty()));
	}

}
