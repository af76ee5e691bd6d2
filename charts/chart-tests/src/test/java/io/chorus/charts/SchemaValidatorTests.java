package io.chorus.charts;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline validator catches the mistakes it exists for (seeded into real rendered objects). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaValidatorTests {

	final SchemaValidator validator = new SchemaValidator();

	List<JsonNode> docs;

	@BeforeAll
	void render() {
		this.docs = Charts.render(List.of(), Map.of());
	}

	JsonNode copy(String kind, String name) {
		return Charts.named(this.docs, kind, name).deepCopy();
	}

	@Test
	void acceptsTheRenderedObjectsAsTheyAre() {
		assertThat(this.validator.problems(copy("Deployment", "member"))).isEmpty();
		assertThat(this.validator.problems(copy("VirtualService", "content"))).isEmpty();
	}

	@Test
	void flagsAnUnknownFieldInAPodSpec() {
		JsonNode d = copy("Deployment", "member");
		((ObjectNode) d.at("/spec/template/spec/containers/0")).put("livenesProbe", "x");
		assertThat(this.validator.problems(d)).anyMatch((p) -> p.contains("livenesProbe"));
	}

	@Test
	void flagsAWrongType() {
		JsonNode d = copy("Deployment", "member");
		((ObjectNode) d.at("/spec/template/spec")).put("terminationGracePeriodSeconds", "long");
		assertThat(this.validator.problems(d)).isNotEmpty();
	}

	@Test
	void flagsAnIstioTypoAndABadEnum() {
		JsonNode vs = copy("VirtualService", "member");
		((ObjectNode) vs.at("/spec/http/0")).put("timout", "3s");
		assertThat(this.validator.problems(vs)).anyMatch((p) -> p.contains("timout"));
		JsonNode dr = copy("DestinationRule", "member");
		((ObjectNode) dr.at("/spec/trafficPolicy/loadBalancer")).put("simple", "LEAST_REQUESTS");
		assertThat(this.validator.problems(dr)).isNotEmpty();
	}

	@Test
	void flagsAWrongHpaVersionFieldAndAnUnknownKind() {
		JsonNode hpa = copy("HorizontalPodAutoscaler", "member");
		((ObjectNode) hpa.at("/spec")).put("targetCPUUtilizationPercentage", 70);
		assertThat(this.validator.problems(hpa)).anyMatch((p) -> p.contains("targetCPUUtilizationPercentage"));
		JsonNode unknown = copy("Service", "member");
		((ObjectNode) unknown).put("kind", "Servise");
		assertThat(this.validator.problems(unknown)).isNotEmpty();
	}

}
