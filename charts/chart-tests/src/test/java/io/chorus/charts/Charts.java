package io.chorus.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** Renders charts/chorus with real Helm (helm-java) and parses the result into JSON trees. */
final class Charts {

	static final String NAMESPACE = "chorus";

	static final String KUBE_VERSION = "v1.33.0";

	static final Path ROOT = Path.of(System.getProperty("chorus.root", "../..")).toAbsolutePath().normalize();

	static final Path CHART = ROOT.resolve("charts/chorus");

	static final YAMLMapper YAML = new YAMLMapper();

	/** The image registry and tag a real install must set (the chart has no defaults for them). */
	static final Path IMAGES = ROOT.resolve("charts/chart-tests/src/test/resources/images-values.yaml");

	/** One fake API server for the whole test JVM (Helm's lookup needs one). */
	static final FakeKubeApi API = new FakeKubeApi(Path.of(System.getenv().getOrDefault("KUBECONFIG",
			ROOT.resolve("charts/chart-tests/target/fake-kubeconfig").toString())));

	private Charts() {
	}

	static List<JsonNode> render(List<String> valuesFiles, Map<String, String> sets) {
		return render(CHART, valuesFiles, sets);
	}

	static List<JsonNode> render(Path chart, List<String> valuesFiles, Map<String, String> sets) {
		return parse(renderText(chart, valuesFiles, sets));
	}

	static String renderText(Path chart, List<String> valuesFiles, Map<String, String> sets) {
		return renderText(chart, valuesFiles, sets, true);
	}

	/** @param images whether to set the image registry and tag first (IMAGES), as every real install must */
	static String renderText(Path chart, List<String> valuesFiles, Map<String, String> sets, boolean images) {
		TemplateCommand template = new Helm(chart).template()
			.withName("chorus")
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION);
		if (images) {
			template = template.withValuesFile(IMAGES);
		}
		for (String file : valuesFiles) {
			template = template.withValuesFile(CHART.resolve(file));
		}
		for (Map.Entry<String, String> set : sets.entrySet()) {
			template = template.set(set.getKey(), set.getValue());
		}
		return template.call();
	}

	static List<JsonNode> parse(String yaml) {
		List<JsonNode> docs = new ArrayList<>();
		try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
			while (it.hasNext()) {
				JsonNode doc = it.next();
				if (doc != null && !doc.isNull() && !doc.isEmpty()) {
					docs.add(doc);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return docs;
	}

	/**
	 * A copy of the chart whose {@code helm test} pods are ordinary templates (helm-java's
	 * template leaves hooks out), so they can be rendered and validated like everything else.
	 */
	static Path chartWithTestPodsAsResources(Path workDir) {
		try {
			Path copy = workDir.resolve("chorus");
			copyTree(CHART, copy);
			Path lib = copy.resolve("charts/chorus-lib");
			Files.deleteIfExists(lib);
			copyTree(ROOT.resolve("charts/chorus-lib"), lib);
			try (Stream<Path> tests = Files.list(copy.resolve("templates/tests"))) {
				for (Path test : tests.toList()) {
					String text = Files.readString(test);
					Files.writeString(test, text.replaceAll("(?m)^\\s+helm\\.sh/hook.*$\\n", ""));
				}
			}
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A copy of the chart whose values.yaml names an image registry and tag, as a user's install
	 * must (helm lint takes no values file).
	 */
	static Path chartWithImages(Path workDir) {
		try {
			Path copy = workDir.resolve("chorus-with-images");
			copyTree(CHART, copy);
			Path lib = copy.resolve("charts/chorus-lib");
			Files.deleteIfExists(lib);
			copyTree(ROOT.resolve("charts/chorus-lib"), lib);
			Path values = copy.resolve("values.yaml");
			String text = Files.readString(values);
			String replaced = text.replace("  imageRegistry: \"\"\n", "  imageRegistry: registry.test/chorus\n")
				.replace("  imageTag: \"\"\n", "  imageTag: \"0.1.0\"\n");
			if (replaced.equals(text)) {
				throw new IllegalStateException("values.yaml no longer has empty image defaults");
			}
			Files.writeString(values, replaced);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> all = Files.walk(from)) {
			for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isSymbolicLink(p)) {
					continue;
				}
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
	}

	static Stream<JsonNode> ofKind(List<JsonNode> docs, String kind) {
		return docs.stream().filter((d) -> kind.equals(d.path("kind").asText()));
	}

	static JsonNode named(List<JsonNode> docs, String kind, String name) {
		return ofKind(docs, kind).filter((d) -> name.equals(d.path("metadata").path("name").asText()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
	}

	static String id(JsonNode doc) {
		return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
	}

}
