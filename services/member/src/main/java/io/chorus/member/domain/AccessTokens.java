package io.chorus.member.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints access tokens: ES256 JWTs with {@code kid}, {@code iss}, {@code sub} (member id),
 * {@code roles}, {@code handle}, {@code iat}, {@code exp}, {@code jti}.
 *
 * <p>ECDSA signing and the random {@code jti} read {@link java.security.SecureRandom}: call
 * {@link #issue} on the crypto scheduler.
 */
public final class AccessTokens {

	private final String issuer;

	private final Duration lifetime;

	private final Clock clock;

	public AccessTokens(String issuer, Duration lifetime, Clock clock) {
		this.issuer = issuer;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	public Issued issue(SigningKey key, String memberId, String handle, List<String> roles) {
		Instant now = Instant.ofEpochSecond(this.clock.instant().getEpochSecond());
		Instant expires = now.plus(this.lifetime);
		String jti = UUID.randomUUID().toString();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(memberId)
			.claim("roles", List.copyOf(roles))
			.claim("handle", handle)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.jwtID(jti)
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new ECDSASigner(key.jwk()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign an access token with " + key.kid(), ex);
		}
		return new Issued(jwt.serialize(), jti, expires);
	}

	/** A minted access token. */
	public record Issued(String token, String jti, Instant expiresAt) {
	}

}
