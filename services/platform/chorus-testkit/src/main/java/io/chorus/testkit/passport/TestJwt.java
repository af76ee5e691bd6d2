package io.chorus.testkit.passport;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * A JWT under construction. Every claim can be changed, removed or given a wrong type, so tests
 * can produce exactly the broken token they need. Times are whole seconds, as JWTs carry them.
 */
public final class TestJwt {

	private final Map<String, @Nullable Object> claims = new LinkedHashMap<>();

	private ECKey key;

	private @Nullable String kid;

	TestJwt(ECKey key, String issuer, @Nullable String audience, Instant issuedAt, Duration lifetime) {
		this.key = key;
		this.claims.put("iss", issuer);
		if (audience != null) {
			this.claims.put("aud", audience);
		}
		Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
		this.claims.put("iat", iat.getEpochSecond());
		this.claims.put("exp", iat.plus(lifetime).getEpochSecond());
		this.claims.put("jti", UUID.randomUUID().toString());
	}

	public TestJwt subject(String subject) {
		return claim("sub", subject);
	}

	public TestJwt handle(String handle) {
		return claim("handle", handle);
	}

	public TestJwt roles(String... roles) {
		return claim("roles", Arrays.asList(roles));
	}

	public TestJwt issuer(String issuer) {
		return claim("iss", issuer);
	}

	public TestJwt audience(String audience) {
		return claim("aud", audience);
	}

	public TestJwt issuedAt(Instant issuedAt) {
		return claim("iat", issuedAt.getEpochSecond());
	}

	public TestJwt expiresAt(Instant expiresAt) {
		return claim("exp", expiresAt.getEpochSecond());
	}

	public TestJwt jti(String jti) {
		return claim("jti", jti);
	}

	/** Sets any claim to any JSON-able value, including one of the wrong type. */
	public TestJwt claim(String name, @Nullable Object value) {
		this.claims.put(name, value);
		return this;
	}

	public TestJwt without(String claim) {
		this.claims.remove(claim);
		return this;
	}

	/** Signs with {@code key} instead (e.g. one the verifier does not trust). */
	public TestJwt signedWith(ECKey key) {
		this.key = key;
		return this;
	}

	/** Puts {@code kid} in the header instead of the signing key's id. */
	public TestJwt keyId(String kid) {
		this.kid = kid;
		return this;
	}

	/** The compact JWS. */
	public String sign() {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		this.claims.forEach((name, value) -> builder.claim(name, value));
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.keyID((this.kid != null) ? this.kid : this.key.getKeyID())
			.build();
		SignedJWT jwt = new SignedJWT(header, builder.build());
		try {
			jwt.sign(new ECDSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign test JWT", ex);
		}
		return jwt.serialize();
	}

}
