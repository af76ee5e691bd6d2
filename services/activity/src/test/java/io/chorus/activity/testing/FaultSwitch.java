package io.chorus.activity.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.chorus.activity.events.ActivityEventHandler;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventHandler;
import reactor.core.publisher.Mono;

/**
 * The consumer's handler in tests: the real one, plus a switch that makes it fail for chosen
 * event ids (a "bug" the test can fix), and a count of calls per event id.
 */
public final class FaultSwitch implements EventHandler {

	private final ActivityEventHandler real;

	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	public FaultSwitch(ActivityEventHandler real) {
		this.real = real;
	}

	public void failFor(String eventId) {
		this.failing.add(eventId);
	}

	public void fix(String eventId) {
		this.failing.remove(eventId);
	}

	/** How often the consumer handed this event to the handler. */
	public int calls(String eventId) {
		AtomicInteger count = this.calls.get(eventId);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public Mono<Void> handle(CloudEvent event) {
		this.calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
		if (this.failing.contains(event.id())) {
			return Mono.error(new IllegalStateException("switched-on failure for " + event.id()));
		}
		return this.real.handle(event);
	}

}
