package io.chorus.platform.shutdown;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * First step of a graceful shutdown: as soon as the context starts closing (SIGTERM), readiness
 * goes to {@code REFUSING_TRAFFIC} (readiness probe 503), then the application keeps serving for
 * {@code chorus.shutdown.drain-delay}, so Kubernetes endpoints and the mesh stop sending new
 * requests before anything stops. Only then do the lifecycle phases run: the web server's
 * graceful shutdown (in-flight requests finish), consumers (the record in progress finishes, its
 * offset is committed), the outbox relay (after its current publish).
 *
 * <p>Runs before every other close listener, in particular before the one that closes the
 * management child context, so the management port keeps answering probes (readiness DOWN,
 * liveness UP) during the drain. The wait happens on the thread closing the context (the JVM
 * shutdown hook), never on an event loop.
 */
final class GracefulDrain implements ApplicationListener<ContextClosedEvent>, Ordered {

	private static final Log log = LogFactory.getLog(GracefulDrain.class);

	private final ApplicationContext context;

	private final Duration drainDelay;

	GracefulDrain(ApplicationContext context, Duration drainDelay) {
		this.context = context;
		this.drainDelay = drainDelay;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return; // a child context (management) closing
		}
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		if (this.drainDelay.isZero() || this.drainDelay.isNegative()) {
			return;
		}
		log.info("Readiness is DOWN; draining for " + this.drainDelay + " before shutting down");
		try {
			// The context-closing thread, not a request or consumer path: waiting is the point.
			Thread.sleep(this.drainDelay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
