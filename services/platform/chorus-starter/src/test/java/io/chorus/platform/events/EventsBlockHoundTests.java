package io.chorus.platform.events;

import java.time.Duration;

import io.chorus.platform.events.kafka.KafkaClients;
import io.chorus.testkit.blockhound.BlockHoundProbe;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BlockHound runs in this module's tests, and the starter's exemption covers exactly
 * reactor-kafka's transactional producer threads.
 */
class EventsBlockHoundTests {

	@Test
	void blockHoundIsActive() {
		BlockHoundProbe.assertInstalled();
	}

	@Test
	void onlyTransactionalProducerThreadsMayBlock() {
		Scheduler transactional = Schedulers.newSingle(KafkaClients.TRANSACTIONAL_ID_PREFIX + "outbox-test");
		Scheduler other = Schedulers.newSingle("chorus-other");
		try {
			assertThatCode(() -> sleepOn(transactional)).doesNotThrowAnyException();
			assertThatThrownBy(() -> sleepOn(other)).satisfies(error -> assertThat(
					error instanceof BlockingOperationError || error.getCause() instanceof BlockingOperationError)
				.as("blocked on a non-blocking thread: %s", error)
				.isTrue());
		}
		finally {
			transactional.dispose();
			other.dispose();
		}
	}

	private static void sleepOn(Scheduler scheduler) {
		Mono.fromCallable(() -> {
			Thread.sleep(1);
			return true;
		}).subscribeOn(scheduler).block(Duration.ofSeconds(5));
	}

}
