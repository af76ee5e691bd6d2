package io.chorus.platform.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Kubernetes defaults against a fake Kubernetes API (a ConfigMap list endpoint):
 * the service's ConfigMap is imported at start-up without any per-service setting, and a refresh
 * (what the reload does on a change) re-reads it and reports the changed keys, so the
 * {@code EnvironmentChangeEvent} listeners (rebinders, the gateway's live settings) see them.
 */
class KubernetesConfigIntegrationTests {

	static final String NAMESPACE = "chorus-test";

	private final AtomicReference<String> applicationYaml = new AtomicReference<>("chorus:\n  demo:\n    greeting: hello\n");

	private final AtomicInteger reads = new AtomicInteger();

	private HttpServer api;

	@BeforeEach
	void start() throws IOException {
		this.api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.api.createContext("/", this::answer);
		this.api.start();
	}

	@AfterEach
	void stop() {
		this.api.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body;
		int status = 200;
		String configMap = """
				{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"demo-config","namespace":"%s",
				"labels":{"spring.cloud.kubernetes.config.informer.enabled":"true"}},
				"data":{"application.yaml":%s}}""".formatted(NAMESPACE, json(this.applicationYaml.get()));
		if (path.equals("/api/v1/namespaces/" + NAMESPACE + "/configmaps")) {
			this.reads.incrementAndGet();
			body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMapList\",\"metadata\":{},\"items\":[" + configMap + "]}";
		}
		else if (path.equals("/api/v1/namespaces/" + NAMESPACE + "/configmaps/demo-config")) {
			this.reads.incrementAndGet();
			body = configMap;
		}
		else {
			status = 404;
			body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	private ConfigurableApplicationContext run() {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.run("--spring.main.cloud-platform=kubernetes",
					"--spring.cloud.kubernetes.client.master-url=http://127.0.0.1:" + this.api.getAddress().getPort(),
					"--spring.cloud.kubernetes.client.namespace=" + NAMESPACE,
					"--spring.cloud.kubernetes.config.name=demo-config",
					"--spring.cloud.kubernetes.config.namespace=" + NAMESPACE,
					// The informer (event mode) is spring-cloud-kubernetes' own code; here the refresh it triggers.
					"--spring.cloud.kubernetes.reload.enabled=false", "--chorus.logging.format=plain");
	}

	@Test
	void theConfigMapIsImportedAtStartUpAndReReadOnRefresh() {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getEnvironment().getProperty("chorus.demo.greeting")).isEqualTo("hello");
			assertThat(this.reads.get()).isPositive();

			this.applicationYaml.set("chorus:\n  demo:\n    greeting: bonjour\n");
			Set<String> changed = context.getBean(ContextRefresher.class).refresh();

			assertThat(changed).contains("chorus.demo.greeting");
			assertThat(context.getEnvironment().getProperty("chorus.demo.greeting")).isEqualTo("bonjour");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RefreshAutoConfiguration.class)
	static class App {

	}

}
