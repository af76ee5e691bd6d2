package io.chorus.charts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets are generated at install, kept on upgrade, never taken from values, never in plain env. */
class SecretsTests {

	@AfterEach
	void forgetCluster() {
		Charts.API.clear();
	}

	static Map<String, String> data(List<JsonNode> docs, String name) {
		return ChartRenderingTests.toMap(Charts.named(docs, "Secret", name).path("data"));
	}

	@Test
	void freshInstallsGenerateDifferentSecrets() {
		List<JsonNode> first = Charts.render(List.of(), Map.of());
		List<JsonNode> second = Charts.render(List.of(), Map.of());
		for (String name : List.of("chorus-mysql", "chorus-redis", "chorus-mongodb", "chorus-member-keys",
				"chorus-gateway-passport")) {
			Map<String, String> a = data(first, name);
			assertThat(a).as(name).isNotEmpty();
			assertThat(a.values()).allMatch((v) -> !v.isBlank());
			assertThat(a).as(name + " is generated, not fixed").isNotEqualTo(data(second, name));
			assertThat(Charts.named(first, "Secret", name).at("/metadata/annotations/helm.sh~1resource-policy").asText())
				.isEqualTo("keep");
		}
		byte[] kek = Base64.getDecoder().decode(Base64.getDecoder().decode(data(first, "chorus-member-keys").get("key-encryption-key")));
		assertThat(kek).hasSize(32);
	}

	@Test
	void anUpgradeKeepsTheSecretsAlreadyInTheCluster() {
		String existing = Base64.getEncoder().encodeToString("kept-password".getBytes(StandardCharsets.UTF_8));
		Charts.API.putSecret(Charts.NAMESPACE, "chorus-mysql", Map.of("member-password", existing, "root-password", existing));
		List<JsonNode> upgrade = Charts.render(List.of(), Map.of());
		assertThat(data(upgrade, "chorus-mysql")).containsEntry("member-password", existing).containsEntry("root-password", existing);
		assertThat(data(upgrade, "chorus-redis").get("password")).isNotEqualTo(existing);
	}

	@Test
	void theGeneratedPassportKeyIsAWorkingPrivateP256Jwk() throws Exception {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		String json = new String(Base64.getDecoder().decode(data(docs, "chorus-gateway-passport").get("private-jwk")),
				StandardCharsets.UTF_8);
		ECKey key = (ECKey) JWK.parse(json);
		assertThat(key.getCurve()).isEqualTo(Curve.P_256);
		assertThat(key.isPrivate()).isTrue();
		// x and y must belong to d: a signature made with d verifies with (x, y).
		JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("passport"));
		jws.sign(new ECDSASigner(key));
		assertThat(jws.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
	}

	@Test
	void credentialsReachContainersOnlyThroughSecretReferences() {
		for (String profile : List.of("", "ci/canary-values.yaml", "ci/minimal-values.yaml")) {
			List<JsonNode> docs = Charts.render(profile.isEmpty() ? List.of() : List.of(profile), Map.of());
			Stream.concat(Charts.ofKind(docs, "Deployment"), Charts.ofKind(docs, "StatefulSet")).forEach((w) -> {
				for (JsonNode env : w.at("/spec/template/spec/containers/0/env")) {
					String name = env.path("name").asText();
					if (name.matches(".*(PASSWORD|_KEY|SECRET).*")) {
						assertThat(env.has("value")).as(Charts.id(w) + " " + name).isFalse();
						assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).as(Charts.id(w) + " " + name).isNotBlank();
					}
				}
			});
		}
	}

	@Test
	void noValuesFileCarriesACredential() throws Exception {
		try (Stream<Path> files = Stream.concat(Stream.of(Charts.CHART.resolve("values.yaml")),
				Files.list(Charts.CHART.resolve("ci")))) {
			for (Path file : files.toList()) {
				for (String line : Files.readAllLines(file)) {
					String trimmed = line.strip();
					if (trimmed.startsWith("#")) {
						continue;
					}
					// A credential-named key with a non-empty value (existingSecret names a Secret, it holds none).
					assertThat(trimmed).as(file + ": " + line)
						.doesNotContainPattern("(?i)\\b(password|root-password|private-?jwk|private-?key|secret|token|key-encryption-key)\\s*:\\s*(?!\"\"|'')\\S");
				}
			}
		}
	}

}
