package io.chorus.member.config;

import java.security.SecureRandom;
import java.time.Clock;

import io.chorus.member.domain.AccessTokens;
import io.chorus.member.domain.Accounts;
import io.chorus.member.domain.Argon2idHasher;
import io.chorus.member.domain.Crypto;
import io.chorus.member.domain.Follows;
import io.chorus.member.domain.KeyEncryption;
import io.chorus.member.domain.Passwords;
import io.chorus.member.domain.ProfileCache;
import io.chorus.member.domain.Profiles;
import io.chorus.member.domain.RefreshTokens;
import io.chorus.member.domain.Sessions;
import io.chorus.member.domain.SigningKeyRing;
import io.chorus.member.domain.Throttles;
import io.chorus.member.events.MemberEvents;
import io.chorus.member.store.AttemptLimiter;
import io.chorus.member.store.FollowStore;
import io.chorus.member.store.MemberStore;
import io.chorus.member.store.RefreshTokenStore;
import io.chorus.member.store.SigningKeyStore;
import io.chorus.platform.events.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires the member domain. */
@Configuration(proxyBeanMethods = false)
class MemberConfiguration {

	static final String KEK_ENV = "CHORUS_MEMBER_KEY_ENCRYPTION_KEY";

	private static final Logger log = LoggerFactory.getLogger(MemberConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SecureRandom memberSecureRandom() {
		return new SecureRandom();
	}

	/** Bounded: a login storm queues (then sheds) instead of spawning threads. */
	@Bean(destroyMethod = "dispose")
	Scheduler cryptoScheduler(MemberProperties properties) {
		int threads = (properties.crypto().threads() > 0) ? properties.crypto().threads()
				: Runtime.getRuntime().availableProcessors();
		return Schedulers.newBoundedElastic(threads, properties.crypto().queue(), "member-crypto");
	}

	@Bean
	Crypto crypto(Scheduler cryptoScheduler, MemberProperties properties) {
		return new Crypto(cryptoScheduler, properties.crypto().maxWait());
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	@Bean
	Passwords passwords(MemberProperties properties, SecureRandom memberSecureRandom, Crypto crypto) {
		MemberProperties.Password p = properties.password();
		Argon2idHasher hasher = new Argon2idHasher(
				new Argon2idHasher.Params(p.memoryKib(), p.iterations(), p.parallelism(), 16, 32), memberSecureRandom);
		return new Passwords(hasher, crypto);
	}

	@Bean
	KeyEncryption keyEncryption(MemberProperties properties, SecureRandom memberSecureRandom,
			@Value("${" + KEK_ENV + ":}") String fromEnv) {
		String configured = !fromEnv.isBlank() ? fromEnv : properties.keys().encryptionKey();
		if (configured == null || configured.isBlank()) {
			byte[] generated = new byte[32];
			memberSecureRandom.nextBytes(generated);
			log.warn("""

					*************************************************************************
					 {} is not set: generated a throw-away key encryption key.
					 Signing keys written now will not decrypt after a restart or on other
					 replicas. Set it (base64 of 32 random bytes) for any shared deployment.
					*************************************************************************""",
					KEK_ENV);
			return new KeyEncryption(generated, memberSecureRandom);
		}
		return new KeyEncryption(KeyEncryption.parseKey(configured), memberSecureRandom);
	}

	@Bean
	SigningKeyRing signingKeyRing(SigningKeyStore store, KeyEncryption encryption, TransactionalOperator tx,
			Crypto crypto, SecureRandom memberSecureRandom, Clock clock, MemberProperties properties) {
		return new SigningKeyRing(store, encryption, tx, crypto, memberSecureRandom, clock,
				properties.keys().rotationPeriod(), properties.tokens().accessTtl(), properties.keys().clockSkew());
	}

	@Bean
	Throttles throttles(ReactiveStringRedisTemplate redis, MemberProperties properties,
			@Value("${chorus.redis.key-prefix:}") String keyPrefix, Clock clock) {
		MemberProperties.Login login = properties.login();
		MemberProperties.Signup signup = properties.signup();
		return new Throttles(new AttemptLimiter(redis, clock), keyPrefix, new Throttles.Limits(login.accountMaxFailures(),
				login.ipMaxFailures(), login.window(), signup.ipMax(), signup.window()));
	}

	@Bean
	Sessions sessions(MemberStore members, RefreshTokenStore refreshTokens, SigningKeyRing keys, Crypto crypto,
			TransactionalOperator tx, EventIds ids, Clock clock, SecureRandom memberSecureRandom,
			MemberProperties properties) {
		AccessTokens accessTokens = new AccessTokens(properties.tokens().issuer(), properties.tokens().accessTtl(), clock);
		return new Sessions(members, refreshTokens, keys, accessTokens, new RefreshTokens(memberSecureRandom), crypto,
				tx, ids, clock, properties.tokens().refreshTtl());
	}

	@Bean
	Accounts accounts(MemberStore members, FollowStore follows, RefreshTokenStore refreshTokens, Passwords passwords,
			Throttles throttles, Sessions sessions, MemberEvents events, TransactionalOperator tx, EventIds ids,
			Clock clock) {
		return new Accounts(members, follows, refreshTokens, passwords, throttles, sessions, events, tx, ids, clock);
	}

	@Bean
	ProfileCache profileCache(MemberProperties properties, Clock clock) {
		return new ProfileCache(properties.profiles().cacheSize(), properties.profiles().cacheTtl(), clock);
	}

	@Bean
	Profiles profiles(MemberStore members, MemberEvents events, TransactionalOperator tx, Clock clock,
			ProfileCache cache) {
		return new Profiles(members, events, tx, clock, cache);
	}

	@Bean
	Follows follows(MemberStore members, FollowStore follows, MemberEvents events, TransactionalOperator tx,
			Clock clock, ProfileCache profiles) {
		return new Follows(members, follows, events, tx, clock, profiles);
	}

}
