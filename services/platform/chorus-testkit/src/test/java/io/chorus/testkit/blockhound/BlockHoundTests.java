package io.chorus.testkit.blockhound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class BlockHoundTests {

    @Test
    void blockHoundIsInstalledInThisJvm() {
        assertThat(BlockHoundProbe.isInstalled()).isTrue();
        BlockHoundProbe.assertInstalled();
    }

    @Test
    void sleepingOnAParallelSchedulerThreadFails() {
        Mono<String> blocking = Mono.fromCallable(() -> {
            Thread.sleep(10);
            return "slept";
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class)
                .cause().hasMessageContaining("java.lang.Thread.sleep");
    }

    @Test
    void waitingOnALatchInsideAnOperatorOnAParallelThreadFails() {
        var latch = new CountDownLatch(1);
        Mono<Boolean> parked = Mono.delay(Duration.ofMillis(1)) // emits on Schedulers.parallel()
                .map(tick -> {
                    try {
                        return latch.await(10, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertThatThrownBy(() -> parked.block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class)
                .cause().hasMessageContaining("Unsafe#park");
    }

    /** Surefire and Failsafe capture stdout through a channel BlockHound does not flag, so tests can log anywhere. */
    @Test
    void loggingToTheConsoleFromAParallelThreadIsAllowed() {
        String result = Mono.fromCallable(() -> {
            LoggerFactory.getLogger(BlockHoundTests.class).info("logged from {}", Thread.currentThread().getName());
            return "logged";
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("logged");
    }

    @Test
    void sleepingOnBoundedElasticIsAllowed() {
        String result = Mono.fromCallable(() -> {
            Thread.sleep(10);
            return "slept";
        }).subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(5));

        assertThat(result).isEqualTo("slept");
    }
}
