package io.chorus.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of a Kubernetes API server for Helm's {@code lookup} of Secrets: discovery of
 * {@code v1} and GET of one Secret (404 unless {@link #putSecret} stored it). helm-java's
 * template action asks a cluster for {@code lookup}; this lets the chart tests render offline and
 * also prove that existing Secrets win over freshly generated ones (upgrade).
 *
 * <p>
 * Helm reads the kubeconfig named by {@code KUBECONFIG} (set by the Surefire configuration); the
 * file is (re)written here with this server's ephemeral port.
 */
final class FakeKubeApi implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, String> secrets = new ConcurrentHashMap<>();

	FakeKubeApi(Path kubeconfig) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
		String config = """
				apiVersion: v1
				kind: Config
				clusters:
				- name: fake
				  cluster:
				    server: http://127.0.0.1:%d
				contexts:
				- name: fake
				  context: {cluster: fake, user: fake}
				current-context: fake
				users:
				- name: fake
				  user: {}
				""".formatted(this.server.getAddress().getPort());
		try {
			Files.createDirectories(kubeconfig.getParent());
			Files.writeString(kubeconfig, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Makes {@code GET .../namespaces/{ns}/secrets/{name}} answer this Secret ({@code data} already base64). */
	void putSecret(String namespace, String name, Map<String, String> base64Data) {
		StringBuilder data = new StringBuilder();
		base64Data.forEach((k, v) -> data.append(data.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
		this.secrets.put(namespace + "/" + name, """
				{"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
			.formatted(name, namespace, data));
	}

	void clear() {
		this.secrets.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (System.getenv("FAKE_KUBE_DEBUG") != null) {
			System.err.println("fake-kube: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
		}
		String body;
		int status = 200;
		if (path.equals("/api")) {
			body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}";
		}
		else if (path.equals("/apis")) {
			body = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
		}
		else if (path.equals("/api/v1")) {
			body = """
					{"kind":"APIResourceList","groupVersion":"v1","resources":[
					{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";
		}
		else if (path.matches("/api/v1/namespaces/[^/]+/secrets/[^/]+")) {
			String[] parts = path.split("/");
			body = this.secrets.get(parts[4] + "/" + parts[6]);
			if (body == null) {
				status = 404;
				body = """
						{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,
						"message":"secrets \\"%s\\" not found","details":{"name":"%s","kind":"secrets"}}"""
					.formatted(parts[6], parts[6]);
			}
		}
		else {
			status = 404;
			body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
