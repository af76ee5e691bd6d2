package io.chorus.platform.events.kafka;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (in tests) that reactor-kafka's transactional producer thread may block.
 *
 * <p>For a transactional sender reactor-kafka creates a dedicated single thread named after the
 * transactional id and runs {@code send}, {@code commitTransaction} and {@code abortTransaction}
 * there. Those Kafka calls block by design, yet the thread comes from
 * {@code Schedulers.newSingle(String)}, which marks it non-blocking. Blocking it stalls only that
 * one producer, never an event loop, so it is exempted by name; every other thread keeps its
 * checks. Loaded through {@code ServiceLoader} only when BlockHound is on the class path.
 */
public final class KafkaBlockHoundIntegration implements BlockHoundIntegration {

	/**
	 * Applied after the default-priority integrations: Reactor's own marks every
	 * {@code NonBlocking} thread (ours included) and would otherwise undo the exemption.
	 */
	@Override
	public int getPriority() {
		return 1000;
	}

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.nonBlockingThreadPredicate(
				current -> current.and(thread -> !thread.getName().startsWith(KafkaClients.TRANSACTIONAL_ID_PREFIX)));
	}

}
