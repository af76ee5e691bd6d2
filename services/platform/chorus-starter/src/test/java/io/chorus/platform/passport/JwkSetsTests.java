package io.chorus.platform.passport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JwkSetsTests {

	@Test
	void privateKeyMaterialIsRefusedSoNoServiceCanMintPassports() throws JOSEException {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
		assertThatIllegalArgumentException().isThrownBy(() -> JwkSets.verifiers(new JWKSet(key).toString(false)))
			.withMessageContaining("public keys only");
	}

	@Test
	void onlyEcP256KeysWithAKidAreUsed() throws JOSEException {
		ECKey good = new ECKeyGenerator(Curve.P_256).keyID("good").generate().toPublicJWK();
		ECKey otherCurve = new ECKeyGenerator(Curve.P_384).keyID("p384").generate().toPublicJWK();
		ECKey noKid = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate().toPublicJWK();
		String json = new JWKSet(java.util.List.of(good, otherCurve, noKid, rsa)).toString();
		assertThat(JwkSets.verifiers(json)).containsOnlyKeys("good");
	}

	@Test
	void garbageIsAConfigurationError() {
		assertThatIllegalArgumentException().isThrownBy(() -> JwkSets.verifiers("{not json"));
	}

}
