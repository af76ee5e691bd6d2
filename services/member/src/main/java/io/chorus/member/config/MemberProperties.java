package io.chorus.member.config;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.member.*}.
 *
 * @param keys signing keys and their rotation
 * @param tokens access and refresh token lifetimes
 * @param login failed-login limits
 * @param signup signup limits per client IP
 * @param password Argon2id cost
 * @param crypto the bounded scheduler for hashing and signing
 * @param clientIp whose {@code X-Forwarded-For} is believed
 * @param profiles the public-profile cache
 */
@ConfigurationProperties("chorus.member")
public record MemberProperties(@DefaultValue Keys keys, @DefaultValue Tokens tokens, @DefaultValue Login login,
		@DefaultValue Signup signup, @DefaultValue Password password, @DefaultValue Crypto crypto,
		@DefaultValue ClientIp clientIp, @DefaultValue Profiles profiles) {

	/**
	 * @param rotationPeriod a new signing key per period
	 * @param checkInterval how often a replica reloads keys, rotates when due and prunes
	 * @param clockSkew extra time a retired key stays published after its last token expired
	 * @param encryptionKey base64 of 32 bytes; normally from env
	 * {@code CHORUS_MEMBER_KEY_ENCRYPTION_KEY}, generated (with a warning) when absent
	 */
	public record Keys(@DefaultValue("24h") Duration rotationPeriod, @DefaultValue("30s") Duration checkInterval,
			@DefaultValue("60s") Duration clockSkew, @Nullable String encryptionKey) {
	}

	/**
	 * @param issuer {@code iss} of access tokens
	 */
	public record Tokens(@DefaultValue("chorus-member") String issuer, @DefaultValue("15m") Duration accessTtl,
			@DefaultValue("30d") Duration refreshTtl) {
	}

	/**
	 * @param accountMaxFailures failed logins per account and client address before that pair is locked
	 * @param ipMaxFailures failed logins per client address, across accounts
	 * @param window how long a counter lives from its first attempt
	 */
	public record Login(@DefaultValue("5") int accountMaxFailures, @DefaultValue("50") int ipMaxFailures,
			@DefaultValue("15m") Duration window) {
	}

	public record Signup(@DefaultValue("10") int ipMax, @DefaultValue("1h") Duration window) {
	}

	/**
	 * @param trustedProxies CIDRs of the peers (the gateway, its sidecar) whose
	 * {@code X-Forwarded-For} names the client; from any other peer the peer itself is the client
	 */
	public record ClientIp(@DefaultValue({ "127.0.0.0/8", "::1/128" }) List<String> trustedProxies) {
	}

	/** Defaults: OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane). */
	public record Password(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
			@DefaultValue("1") int parallelism) {
	}

	/**
	 * @param threads at most this many hashing threads (0: one per CPU)
	 * @param queue tasks that may wait for a thread before requests are shed with 503
	 * @param maxWait longest a request waits for its hashing or signing (queue included) before
	 * it is shed with 503, well inside the gateway's 10 s
	 */
	public record Crypto(@DefaultValue("0") int threads, @DefaultValue("256") int queue,
			@DefaultValue("5s") Duration maxWait) {
	}

	/**
	 * @param cacheSize public profiles kept by id on each replica (0: none)
	 * @param cacheTtl how long one is kept: another replica's change shows here within this
	 */
	public record Profiles(@DefaultValue("10000") int cacheSize, @DefaultValue("5s") Duration cacheTtl) {
	}

}
