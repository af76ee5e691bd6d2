package io.chorus.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Member-style access tokens signed with keys the test controls (so it can rotate and retire). */
public final class TestTokens {

	private TestTokens() {
	}

	public static ECKey ecKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public JWK set member would publish, current key first. */
	public static String jwks(JWK... keys) {
		return new JWKSet(List.of(keys)).toString(true);
	}

	/** Claims of a valid token for {@code memberId}, issued now, living 15 minutes. */
	public static JWTClaimsSet.Builder claims(String memberId) {
		Instant now = Instant.now();
		return claims(memberId, now, now.plus(Duration.ofMinutes(15)));
	}

	public static JWTClaimsSet.Builder claims(String memberId, Instant issuedAt, Instant expiresAt) {
		return new JWTClaimsSet.Builder().issuer("chorus-member")
			.subject(memberId)
			.claim("roles", List.of("MEMBER"))
			.claim("handle", "handle-" + memberId)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString());
	}

	public static String sign(JWK key, JWTClaimsSet claims) {
		return sign(key, key.getKeyID(), claims);
	}

	/** Signs with {@code key} but names {@code kid} in the header. */
	public static String sign(JWK key, String kid, JWTClaimsSet claims) {
		try {
			JWSAlgorithm algorithm = (key instanceof ECKey) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
			JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
