package io.chorus.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart and the service modules agree: every module under services/ that the chart knows
 * has the chart's ports in its application.yaml, and builds its image with Jib on those ports.
 * Runs over whatever modules exist, so services merged later are checked as they arrive.
 */
class ServiceModulesTests {

	@Test
	void chartPortsMatchEachModulesConfigurationAndImage() throws Exception {
		JsonNode services = Charts.YAML.readTree(Charts.CHART.resolve("values.yaml").toFile()).path("services");
		List<Path> modules;
		try (Stream<Path> dirs = Files.list(Charts.ROOT.resolve("services"))) {
			modules = dirs.filter((d) -> services.has(d.getFileName().toString())).toList();
		}
		assertThat(modules).as("at least member and gateway").hasSizeGreaterThanOrEqualTo(2);
		for (Path module : modules) {
			String name = module.getFileName().toString();
			JsonNode chart = services.get(name);
			JsonNode app = Charts.YAML.readTree(module.resolve("src/main/resources/application.yaml").toFile());
			assertThat(app.at("/server/port").asInt()).as(name + " server.port").isEqualTo(chart.path("port").asInt());
			assertThat(app.at("/management/server/port").asInt()).as(name + " management.server.port")
				.isEqualTo(chart.path("managementPort").asInt());
			String pom = Files.readString(module.resolve("pom.xml"));
			assertThat(pom).as(name + " opts into Jib").contains("<jib.skip>false</jib.skip>").contains("<artifactId>jib-maven-plugin</artifactId>");
			assertThat(property(pom, "chorus.http.port")).as(name).isEqualTo(chart.path("port").asText());
			assertThat(property(pom, "chorus.management.port")).as(name).isEqualTo(chart.path("managementPort").asText());
		}
	}

	/**
	 * A module's store clients and its chart stores agree: a client without the store's connection
	 * settings (and its own user) would talk to the local-run default address in a cluster.
	 */
	@Test
	void chartStoresMatchTheStoreClientsEachModuleShips() throws Exception {
		JsonNode services = Charts.YAML.readTree(Charts.CHART.resolve("values.yaml").toFile()).path("services");
		List<Path> modules;
		try (Stream<Path> dirs = Files.list(Charts.ROOT.resolve("services"))) {
			modules = dirs.filter((d) -> services.has(d.getFileName().toString())).toList();
		}
		for (Path module : modules) {
			String name = module.getFileName().toString();
			String pom = Files.readString(module.resolve("pom.xml"));
			List<String> stores = ChartRenderingTests.texts(services.get(name).path("stores"));
			assertThat(stores.contains("redis")).as(name + ": redis client ⇔ stores has redis")
				.isEqualTo(pom.contains("spring-boot-starter-data-redis-reactive") || pom.contains("<artifactId>lettuce-core</artifactId>"));
			assertThat(stores.contains("mysql")).as(name + ": r2dbc ⇔ stores has mysql").isEqualTo(pom.contains("r2dbc"));
			assertThat(stores.contains("mongodb")).as(name + ": mongodb client ⇔ stores has mongodb")
				.isEqualTo(pom.contains("mongodb"));
		}
	}

	/**
	 * Each module's Redis key families (the literal after its key prefix: {@code keyPrefix + "tl:home:"},
	 * {@code this.prefix + "gw:rl:"}; a class that nests its own prefix counts once) and its
	 * consumer group's dedupe keys are inside its Redis ACL user's patterns: a key outside them is
	 * a NOPERM at run time, which no test here could otherwise see.
	 */
	@Test
	void everyRedisKeyFamilyInAModuleIsInsideItsAclPatterns() throws Exception {
		JsonNode services = Charts.YAML.readTree(Charts.CHART.resolve("values.yaml").toFile()).path("services");
		Pattern nested = Pattern.compile("prefix\\s*=\\s*\\w*[pP]refix\\s*\\+\\s*\"([a-z][a-z0-9-]*):");
		Pattern used = Pattern.compile("[pP]refix\\s*\\+\\s*\"([a-z][a-z0-9-]*):");
		Pattern group = Pattern.compile("(?m)^\\s+(?:consumer-)?group:\\s*(\\S+)\\s*$");
		int checked = 0;
		List<Path> modules;
		try (Stream<Path> dirs = Files.list(Charts.ROOT.resolve("services"))) {
			modules = dirs.filter((d) -> services.has(d.getFileName().toString())).toList();
		}
		for (Path module : modules) {
			String name = module.getFileName().toString();
			List<String> patterns = ChartRenderingTests.texts(services.get(name).path("redisKeys"));
			if (!ChartRenderingTests.texts(services.get(name).path("stores")).contains("redis")) {
				continue;
			}
			java.util.Set<String> families = new java.util.TreeSet<>();
			try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					String code = Files.readString(file);
					Matcher m = nested.matcher(code);
					if (m.find()) {
						families.add(m.group(1) + ":");
						continue;
					}
					Matcher u = used.matcher(code);
					while (u.find()) {
						families.add(u.group(1) + ":");
					}
				}
			}
			Matcher g = group.matcher(Files.readString(module.resolve("src/main/resources/application.yaml")));
			if (g.find()) {
				families.add("dedupe:" + g.group(1) + ":");
			}
			for (String family : families) {
				assertThat(patterns).as(name + ": key family " + family + "* inside its redisKeys")
					.anyMatch((p) -> p.endsWith("*") && family.startsWith(p.substring(0, p.length() - 1)));
				checked++;
			}
		}
		assertThat(checked).as("key families found").isGreaterThanOrEqualTo(8);
	}

	@Test
	void jibIsConfiguredOnceInTheRootPomWithAPinnedNonRootBase() throws Exception {
		String pom = Files.readString(Charts.ROOT.resolve("pom.xml"));
		assertThat(property(pom, "jib.skip")).isEqualTo("true");
		assertThat(property(pom, "jib.base.image")).matches("eclipse-temurin:21\\.[0-9.]+_[0-9]+-jre(-[a-z]+)?");
		assertThat(pom).contains("<user>10001:10001</user>");
		// The chart runs the same uid.
		List<JsonNode> docs = Charts.render(List.of(), java.util.Map.of());
		assertThat(Charts.named(docs, "Deployment", "member").at("/spec/template/spec/securityContext/runAsUser").asInt())
			.isEqualTo(10001);
	}

	private static String property(String pom, String name) {
		Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
		return m.find() ? m.group(1) : null;
	}

}
