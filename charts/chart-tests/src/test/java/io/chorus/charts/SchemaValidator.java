package io.chorus.charts;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Offline validation of rendered objects against the Kubernetes and Istio models (fabric8
 * kubernetes-model + istio-model): the object must map to a known typed model (no generic
 * fallback), must not carry unknown fields (fabric8 parks them in {@code additionalProperties}),
 * and must survive a round trip unchanged (wrong enum values and mistyped fields are dropped or
 * changed on the way).
 */
final class SchemaValidator {

	/** Kinds whose model is not on the test classpath: checked structurally by the tests instead. */
	private static final Set<String> UNMODELLED = Set.of("monitoring.coreos.com/v1/ServiceMonitor");

	private final KubernetesSerialization serialization = new KubernetesSerialization();

	private final ObjectMapper json = new ObjectMapper();

	List<String> problems(JsonNode doc) {
		List<String> problems = new ArrayList<>();
		String id = Charts.id(doc);
		String gvk = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
		if (UNMODELLED.contains(gvk)) {
			return problems;
		}
		KubernetesResource typed;
		try {
			typed = this.serialization.unmarshal(doc.toString(), KubernetesResource.class);
		}
		catch (RuntimeException ex) {
			problems.add(id + ": does not parse as " + gvk + ": " + ex.getMessage());
			return problems;
		}
		if (typed == null || typed instanceof GenericKubernetesResource) {
			problems.add(id + ": unknown kind " + gvk);
			return problems;
		}
		collectAdditional(typed, id, "", problems, new IdentityHashMap<>());
		JsonNode back;
		try {
			back = this.json.readTree(this.serialization.asJson(typed));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			problems.add(id + ": does not serialize back: " + ex.getMessage());
			return problems;
		}
		compare(doc, back, id, "", problems);
		return problems;
	}

	private void collectAdditional(Object node, String id, String path, List<String> problems,
			IdentityHashMap<Object, Boolean> seen) {
		if (node == null || seen.put(node, Boolean.TRUE) != null) {
			return;
		}
		if (node instanceof Collection<?> c) {
			int i = 0;
			for (Object o : c) {
				collectAdditional(o, id, path + "[" + i++ + "]", problems, seen);
			}
			return;
		}
		if (node instanceof Map<?, ?> m) {
			m.forEach((k, v) -> collectAdditional(v, id, path + "." + k, problems, seen));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method method : node.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
				continue;
			}
			Object value;
			try {
				value = method.invoke(node);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				continue;
			}
			if (method.getName().equals("getAdditionalProperties")) {
				if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
					problems.add(id + ": unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
				}
				continue;
			}
			collectAdditional(value, id, path + "." + decapitalize(method.getName().substring(3)), problems, seen);
		}
	}

	/** Every leaf of the rendered object must come back with the same text. */
	private void compare(JsonNode expected, JsonNode actual, String id, String path, List<String> problems) {
		if (expected.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				JsonNode other = actual == null ? null : actual.get(field.getKey());
				if (field.getValue().isNull() || (field.getValue().isContainerNode() && field.getValue().isEmpty())) {
					continue;
				}
				if (other == null || other.isNull()) {
					problems.add(id + ": field " + path + "/" + field.getKey() + " was dropped by the model");
					continue;
				}
				compare(field.getValue(), other, id, path + "/" + field.getKey(), problems);
			}
		}
		else if (expected.isArray()) {
			if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
				problems.add(id + ": list " + path + " changed in the model");
				return;
			}
			for (int i = 0; i < expected.size(); i++) {
				compare(expected.get(i), actual.get(i), id, path + "/" + i, problems);
			}
		}
		else if (actual == null || !expected.asText().equals(actual.asText())) {
			problems.add(id + ": " + path + " = " + expected.asText() + " came back as "
					+ (actual == null ? "nothing" : actual.asText()));
		}
	}

	private static String decapitalize(String s) {
		return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
	}

}
