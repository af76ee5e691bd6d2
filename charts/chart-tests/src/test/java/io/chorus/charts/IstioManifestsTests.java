package io.chorus.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster-level mesh objects in istio/ are valid and agree with the chart and the installed ingress. */
class IstioManifestsTests {

	static final Path ISTIO = Charts.ROOT.resolve("istio");

	static JsonNode read(String file) throws Exception {
		List<JsonNode> docs = Charts.parse(Files.readString(ISTIO.resolve(file)));
		assertThat(docs).hasSize(1);
		return docs.get(0);
	}

	@Test
	void meshObjectsAreValidIstioResources() throws Exception {
		SchemaValidator validator = new SchemaValidator();
		for (String file : List.of("gateway.yaml", "peer-authentication.yaml", "telemetry.yaml")) {
			assertThat(validator.problems(read(file))).as(file).isEmpty();
		}
		JsonNode pa = read("peer-authentication.yaml");
		assertThat(pa.at("/metadata/namespace").asText()).isEqualTo("istio-system");
		assertThat(pa.at("/spec/mtls/mode").asText()).isEqualTo("STRICT");
		assertThat(pa.at("/spec/selector").isMissingNode()).as("mesh-wide").isTrue();
	}

	@Test
	void theGatewaySelectsTheInstalledIngressAndServesTheChartsHost() throws Exception {
		JsonNode gateway = read("gateway.yaml");
		JsonNode ingress = Charts.YAML.readTree(ISTIO.resolve("ingress-values.yaml").toFile());
		JsonNode values = Charts.YAML.readTree(Charts.CHART.resolve("values.yaml").toFile());
		Map<String, String> selector = ChartRenderingTests.toMap(gateway.at("/spec/selector"));
		assertThat(ChartRenderingTests.toMap(ingress.path("labels"))).containsAllEntriesOf(selector);
		assertThat(ingress.at("/serviceAccount/name").asText()).isEqualTo(values.at("/mesh/ingress/serviceAccount").asText());
		assertThat(values.at("/mesh/gateway").asText())
			.isEqualTo(gateway.at("/metadata/namespace").asText() + "/" + gateway.at("/metadata/name").asText());
		assertThat(gateway.at("/spec/servers/0/hosts/0").asText()).endsWith("/" + values.at("/global/host").asText());
	}

	@Test
	void clientAddressesSurviveTheIngressAndTheGatewayTrustsExactlyTheHopsInFront() throws Exception {
		JsonNode ingress = Charts.YAML.readTree(ISTIO.resolve("ingress-values.yaml").toFile());
		assertThat(ingress.at("/service/type").asText()).isEqualTo("NodePort");
		assertThat(ingress.at("/service/externalTrafficPolicy").asText()).as("no SNAT of client addresses").isEqualTo("Local");
		JsonNode proxy = Charts.YAML.readTree(ingress.at("/podAnnotations/proxy.istio.io~1config").asText());
		assertThat(proxy.at("/gatewayTopology/numTrustedProxies").asInt(-1)).as("the ingress trusts no client-sent hop")
			.isZero();
		// The ingress appends the peer it sees; the gateway's only trusted hop is its sidecar, which
		// relays that entry: one address, believed once.
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		JsonNode config = Charts.YAML.readTree(
				Charts.named(docs, "ConfigMap", "gateway-config").at("/data/application.yaml").asText());
		assertThat(ChartRenderingTests.texts(config.at("/chorus/gateway/trusted-proxies"))).containsExactly("127.0.0.6/32");
	}

	@Test
	void clusterVersionsArePinned() throws Exception {
		List<String> lines = Files.readAllLines(ISTIO.resolve("versions.env")).stream()
			.filter((l) -> !l.isBlank() && !l.startsWith("#"))
			.toList();
		assertThat(lines).hasSize(3).allMatch((l) -> l.matches("^[A-Z_]+=[^\\s]*[0-9]+\\.[0-9]+\\.[0-9]+$"));
	}

}
