package io.chorus.activity.events;

import io.chorus.activity.store.EntryStore;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one event: maps it ({@link EventMapping}) and writes each change in order. Every write
 * is an idempotent, version-guarded upsert, so applying an event twice changes nothing.
 */
public final class ActivityEventHandler implements EventHandler {

	private final EntryStore store;

	public ActivityEventHandler(EntryStore store) {
		this.store = store;
	}

	@Override
	public Mono<Void> handle(CloudEvent event) {
		return Mono.defer(() -> Flux.fromIterable(EventMapping.map(event)).concatMap(this.store::apply).then());
	}

}
