package io.chorus.platform.events.consumer;

import io.chorus.platform.events.CloudEvent;
import reactor.core.publisher.Mono;

/**
 * Applies one event. Completing means "applied"; an error means "try again" (up to the
 * consumer's attempts), except {@link EventRejectedException}, which dead-letters at once.
 *
 * <p>Runs on a Reactor non-blocking thread: use reactive stores only. Make the effect idempotent
 * (upsert keyed by the event id): deduplication skips events already applied, but a crash between
 * applying and recording that could still deliver an event twice.
 */
@FunctionalInterface
public interface EventHandler {

	Mono<Void> handle(CloudEvent event);

}
