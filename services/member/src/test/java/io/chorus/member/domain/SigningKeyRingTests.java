package io.chorus.member.domain;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import io.chorus.member.store.SigningKeyStore;
import io.chorus.testkit.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Rotation rules against an in-memory store that enforces the unique slot like the table. */
class SigningKeyRingTests {

	private static final Duration PERIOD = Duration.ofHours(1);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:30:00Z"));

	private final FakeStore store = new FakeStore();

	private final Scheduler scheduler = Schedulers.newBoundedElastic(2, 100, "crypto-test");

	private final SecureRandom random = new SecureRandom();

	private final byte[] kek = new byte[32];

	@AfterEach
	void dispose() {
		this.scheduler.dispose();
	}

	@Test
	void oneKeyPerSlotNewestFirstAndRetiredKeysLeaveAfterTheirGrace() {
		SigningKeyRing ring = ring(this.kek);
		String first = ring.current().block().kid();
		assertThat(ring.current().block().kid()).isEqualTo(first);
		assertThat(this.store.rows).hasSize(1);

		this.clock.advance(PERIOD);
		String second = ring.current().block().kid();
		assertThat(second).isNotEqualTo(first);
		assertThat(kids(ring)).containsExactly(second, first);

		// 15 min tokens + 60 s skew after retirement
		this.clock.advance(Duration.ofMinutes(16).minusSeconds(1));
		ring.rotateIfDue().block();
		assertThat(kids(ring)).containsExactly(second, first);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(kids(ring)).as("filtered even before the next prune").containsExactly(second);
		ring.rotateIfDue().block();
		assertThat(this.store.rows).extracting(SigningKeyStore.StoredKey::kid).containsExactly(second);
	}

	@Test
	void replicasSharingTheStoreAgreeOnOneKeyPerSlot() {
		SigningKeyRing a = ring(this.kek);
		SigningKeyRing b = ring(this.kek);
		assertThat(a.current().block().kid()).isEqualTo(b.current().block().kid());
		this.clock.advance(PERIOD);
		List<String> kids = Flux.merge(a.rotateIfDue(), b.rotateIfDue(), a.current().map(SigningKey::kid),
				b.current().map(SigningKey::kid))
			.ofType(String.class)
			.collectList()
			.block();
		assertThat(kids).hasSize(2).containsOnly(kids.get(0));
		assertThat(this.store.rows).hasSize(2);
	}

	@Test
	void aCurrentKeyThatDoesNotDecryptIsReplacedNotUsed() {
		String sealedElsewhere = ring(new byte[32]).current().block().kid();
		byte[] otherKek = new byte[32];
		otherKek[0] = 1;
		SigningKeyRing ring = ring(otherKek);
		SigningKey usable = ring.current().block();
		assertThat(usable.kid()).isNotEqualTo(sealedElsewhere);
		assertThat(kids(ring).get(0)).isEqualTo(usable.kid());
	}

	private SigningKeyRing ring(byte[] key) {
		return new SigningKeyRing(this.store, new KeyEncryption(key, this.random), new NoTransaction(),
				new Crypto(this.scheduler, Duration.ofSeconds(5)), this.random, this.clock, PERIOD, Duration.ofMinutes(15),
				Duration.ofSeconds(60));
	}

	private static List<String> kids(SigningKeyRing ring) {
		return ring.jwks().block().getKeys().stream().map(JWK::getKeyID).toList();
	}

	/** The signing_key table in memory: unique slot, newest first. */
	static final class FakeStore extends SigningKeyStore {

		// replaced as a whole under the lock, like a committed transaction
		volatile List<StoredKey> rows = List.of();

		FakeStore() {
			super(mock(DatabaseClient.class));
		}

		@Override
		public Flux<StoredKey> findAll() {
			return Flux.defer(() -> Flux.fromIterable(this.rows)
				.sort(Comparator.comparingLong(StoredKey::slot).reversed()));
		}

		@Override
		public Mono<Boolean> insertAsCurrent(StoredKey key) {
			return Mono.fromSupplier(() -> {
				synchronized (this) {
					if (this.rows.stream().anyMatch((row) -> row.slot() == key.slot())) {
						return false;
					}
					List<StoredKey> retired = this.rows.stream()
						.map((row) -> (row.retiredAt() == null && row.slot() < key.slot()) ? new StoredKey(row.kid(),
								row.slot(), row.publicJwk(), row.privateJwkSealed(), row.createdAt(), key.createdAt())
								: row)
						.toList();
					List<StoredKey> next = new ArrayList<>(retired);
					next.add(key);
					this.rows = List.copyOf(next);
					return true;
				}
			});
		}

		@Override
		public Mono<Long> deleteRetiredBefore(Instant cutoff) {
			return Mono.fromSupplier(() -> {
				synchronized (this) {
					List<StoredKey> kept = this.rows.stream()
						.filter((row) -> row.retiredAt() == null || !row.retiredAt().isBefore(cutoff))
						.toList();
					long removed = this.rows.size() - kept.size();
					this.rows = kept;
					return removed;
				}
			});
		}

	}

	/** Runs the callback as is: the fake store has no transactions. */
	static final class NoTransaction implements TransactionalOperator {

		@Override
		public <T> Flux<T> execute(TransactionCallback<T> action) {
			return Flux.from(action.doInTransaction(mock(org.springframework.transaction.ReactiveTransaction.class)));
		}

		@Override
		public <T> Mono<T> transactional(Mono<T> mono) {
			return mono;
		}

	}

}
