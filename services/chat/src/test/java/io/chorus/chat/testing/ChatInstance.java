package io.chorus.chat.testing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.chorus.chat.ChatApplication;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.passport.TestPassports;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One chat instance (a whole Spring application on a random port) on the test class's namespace;
 * several can run in one test, like pods of one Deployment sharing Redis, Kafka and Mongo.
 */
public final class ChatInstance implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final ConfigurableApplicationContext context;

	private final TestPassports passports;

	private final WebTestClient http;

	public final int port;

	private ChatInstance(ConfigurableApplicationContext context, TestPassports passports) {
		this.context = context;
		this.passports = passports;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	/** Test defaults: the namespace's topic, quick heartbeats and relay sweeps; {@code extra} wins. */
	public static ChatInstance start(TestNamespace namespace, TestPassports passports, String... extra) {
		Map<String, Object> props = new LinkedHashMap<>(
				namespace.springProperties(EnumSet.of(Infra.REDIS, Infra.KAFKA, Infra.MONGO)));
		String topic = topic(namespace);
		props.put("server.port", "0");
		props.put("management.server.port", "0");
		props.put("chorus.passport.public-jwks", passports.publicJwks());
		props.put("chorus.chat.topic", topic);
		props.put("chorus.kafka.topics[" + topic + "].partitions", "1");
		props.put("chorus.chat.relay-interval", "500ms");
		props.put("chorus.chat.relay-grace", "1s");
		props.put("chorus.logging.format", "plain");
		props.put("logging.level.kafka", "WARN");
		props.put("logging.level.org.apache.kafka", "WARN");
		for (String kv : extra) {
			int eq = kv.indexOf('=');
			props.put(kv.substring(0, eq), kv.substring(eq + 1));
		}
		// as command-line arguments: they outrank application.yaml (default properties would not)
		String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		// own Reactor Netty loops per instance (Boot's default are the JVM-global ones, which the first
		// instance to stop would dispose under the others): each instance is a pod of its own
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class)
			.initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("reactorResourceFactory",
					ReactorResourceFactory.class, () -> {
						ReactorResourceFactory resources = new ReactorResourceFactory();
						resources.setUseGlobalResources(false);
						return resources;
					}))
			.run(args);
		return new ChatInstance(context, passports);
	}

	public static String topic(TestNamespace namespace) {
		return namespace.topic("chat.messages");
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public WebTestClient.RequestHeadersSpec<?> get(String member, String uri) {
		return this.http.get().uri(uri).header(TestPassports.HEADER, this.passports.valid(member, member, "USER"));
	}

	public WebTestClient.RequestHeadersSpec<?> post(String member, String uri, Object body) {
		return this.http.post()
			.uri(uri)
			.header(TestPassports.HEADER, this.passports.valid(member, member, "USER"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	public WebTestClient anonymous() {
		return this.http;
	}

	public WebTestClient.RequestHeadersSpec<?> delete(String member, String uri) {
		return this.http.delete().uri(uri).header(TestPassports.HEADER, this.passports.valid(member, member, "USER"));
	}

	public JsonNode json(WebTestClient.RequestHeadersSpec<?> request, HttpStatus expected) {
		byte[] body = request.exchange().expectStatus().isEqualTo(expected).expectBody().returnResult()
			.getResponseBodyContent();
		return json.readTree(body);
	}

	/** Creates a room and returns its id. */
	public String room(String me, String kind, String... others) {
		JsonNode room = json.readTree(post(me, "/api/chat/rooms", Map.of("kind", kind, "name", "test",
				"memberIds", List.of(others)))
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody()
			.returnResult()
			.getResponseBodyContent());
		return room.path("id").asString();
	}

	public String ticket(String member) {
		return json(post(member, "/api/chat/tickets", Map.of()), HttpStatus.OK).path("ticket").asString();
	}

	/** Connects a member with a fresh ticket. */
	public ChatClient connect(String member) {
		return ChatClient.connect(this.port, ticket(member), null);
	}

	/** Connects a member and subscribes to the rooms, waiting until each subscription is live (own presence seen). */
	public ChatClient join(String member, String... rooms) {
		ChatClient client = connect(member);
		for (String room : rooms) {
			client.subscribe(room, null);
			client.await(f -> f.path("type").asString().equals("presence") && f.path("roomId").asString().equals(room)
					&& f.path("memberId").asString().equals(member), Duration.ofSeconds(30));
		}
		return client;
	}

	public JsonNode online(String member, String room) {
		return json(get(member, "/api/chat/rooms/" + room + "/presence"), HttpStatus.OK).path("online");
	}

	public void awaitOnline(String asker, String room, Predicate<JsonNode> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> condition.test(online(asker, room)));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
