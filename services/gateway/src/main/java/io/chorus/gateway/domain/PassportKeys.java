package io.chorus.gateway.domain;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's passport signing key (EC P-256) and the public JWK set services verify against.
 * Only the gateway holds the private part, so no service can mint a passport.
 */
public final class PassportKeys {

	private final ECKey signingKey;

	private final JWKSet publicSet;

	private final boolean generated;

	private PassportKeys(ECKey signingKey, List<JWK> additionalPublic, boolean generated) {
		this.signingKey = signingKey;
		List<JWK> published = new ArrayList<>();
		published.add(signingKey.toPublicJWK());
		additionalPublic.stream()
			.filter((key) -> !key.getKeyID().equals(signingKey.getKeyID()))
			.forEach(published::add);
		this.publicSet = new JWKSet(published);
		this.generated = generated;
	}

	/**
	 * Keys from configuration.
	 * @param privateJwk           the private EC P-256 JWK as JSON; blank: generate one
	 * @param additionalPublicJwks a JWK set of other public keys to keep publishing (the previous
	 *                             key while replicas roll to a new one); blank: none
	 */
	public static PassportKeys of(@Nullable String privateJwk, @Nullable String additionalPublicJwks) {
		List<JWK> additional = parseAdditional(additionalPublicJwks);
		if (privateJwk == null || privateJwk.isBlank()) {
			return new PassportKeys(generate(), additional, true);
		}
		return new PassportKeys(parsePrivate(privateJwk), additional, false);
	}

	private static ECKey parsePrivate(String json) {
		JWK jwk;
		try {
			jwk = JWK.parse(json);
		}
		catch (ParseException ex) {
			// Never echo the value: it is a private key.
			throw new IllegalArgumentException("passport key is not a valid JWK", ex);
		}
		if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
			throw new IllegalArgumentException("passport key must be a private EC P-256 JWK");
		}
		if (ec.getKeyID() != null && !ec.getKeyID().isBlank()) {
			return ec;
		}
		try {
			return new ECKey.Builder(ec).keyIDFromThumbprint().build();
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("passport key thumbprint failed", ex);
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate a passport key", ex);
		}
	}

	private static List<JWK> parseAdditional(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		try {
			List<JWK> keys = JWKSet.parse(json).getKeys();
			for (JWK key : keys) {
				if (key.isPrivate() || !(key instanceof ECKey) || key.getKeyID() == null) {
					throw new IllegalArgumentException("additional passport keys must be public EC JWKs with a kid");
				}
			}
			return keys;
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("additional passport keys are not a valid JWK set", ex);
		}
	}

	ECKey signingKey() {
		return this.signingKey;
	}

	public String keyId() {
		return this.signingKey.getKeyID();
	}

	/** True when no key was configured and this one lives only as long as the process. */
	public boolean generated() {
		return this.generated;
	}

	/** The public JWK set as JSON, safe to publish. */
	public String publicJwkSetJson() {
		return this.publicSet.toString(true);
	}

}
