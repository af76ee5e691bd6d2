package io.chorus.e2e;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.chorus.activity.ActivityApplication;
import io.chorus.chart.ChartApplication;
import io.chorus.chat.ChatApplication;
import io.chorus.content.ContentApplication;
import io.chorus.gateway.GatewayApplication;
import io.chorus.member.MemberApplication;
import io.chorus.music.MusicApplication;
import io.chorus.platform.passport.Roles;
import io.chorus.search.SearchApplication;
import io.chorus.testkit.time.MutableClock;
import io.chorus.timeline.TimelineApplication;
import io.chorus.web.WebApplication;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Member, content and the gateway started in this JVM on the test class's infrastructure (MariaDB,
 * Redis, Kafka from the testkit), wired the way a deployment wires them: the gateway routes to
 * member and content and reads member's JWKS; member and content verify the gateway's passports.
 * Tests reach it only over the gateway's public port ({@link #client(String)}) and, for key
 * publication, member's JWKS.
 */
final class ChorusStack implements AutoCloseable {

	static {
		// Two Spring applications in one JVM must not re-initialise logging under each other:
		// logging comes from this module's logback-test.xml instead.
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
	}

	/** The gateway's libraries are on this class path too; only the gateway process routes. */
	private static final List<String> GATEWAY_AUTOCONFIG = List.of(
			"org.springframework.cloud.gateway.config.GatewayAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayMetricsAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayResilience4JCircuitBreakerAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayNoLoadBalancerClientAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayReactiveLoadBalancerClientAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayFunctionAutoConfiguration",
			"org.springframework.cloud.gateway.config.GatewayStreamAutoConfiguration",
			"org.springframework.cloud.gateway.config.SimpleUrlHandlerMappingGlobalCorsAutoConfiguration",
			"org.springframework.cloud.gateway.config.LocalResponseCacheAutoConfiguration",
			"org.springframework.cloud.gateway.discovery.GatewayDiscoveryClientAutoConfiguration");

	/** SQL storage (member's and content's libraries), for the services that have none. */
	private static final List<String> SQL_AUTOCONFIG = List.of(
			"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"io.chorus.platform.events.outbox.OutboxAutoConfiguration");

	/** Mongo (the read services' libraries), for the services that have none. */
	private static final List<String> MONGO_AUTOCONFIG = List.of(
			"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");

	private final MutableClock clock;

	private final ECKey passportKey;

	private final ServiceInstance member;

	private final ServiceInstance content;

	private final ServiceInstance gateway;

	private final Map<String, String> memberSettings;

	/** The services started on request (music, activity, timeline, search), by name. */
	private final Map<String, ServiceInstance> optionalServices = new LinkedHashMap<>();

	private final List<ServiceInstance> memberReplicas = new CopyOnWriteArrayList<>();

	private ChorusStack(Builder builder) {
		this.clock = builder.clock;
		this.passportKey = newPassportKey();
		TestNamespace namespace = builder.namespace;
		Map<String, String> member = new LinkedHashMap<>(namespace.springProperties(EnumSet.of(Infra.MARIADB, Infra.REDIS, Infra.KAFKA)));
		member.put("chorus.redis.key-prefix", namespace.redisKeyPrefix() + "member:");
		member.put("chorus.passport.public-jwks", new JWKSet(this.passportKey.toPublicJWK()).toString());
		exclude(member, GATEWAY_AUTOCONFIG, MONGO_AUTOCONFIG);
		// Cheap hashing keeps the suite quick; production parameters are unit-tested in member.
		member.put("chorus.member.password.memory-kib", "4096");
		member.put("chorus.member.password.iterations", "1");
		member.put("chorus.member.keys.check-interval", "500ms");
		member.put("chorus.member.signup.ip-max", "10000");
		// What the chart's Secret gives every replica: they must open each other's sealed keys.
		member.put("chorus.member.keys.encryption-key", Base64.getEncoder().encodeToString(randomBytes(32)));
		member.putAll(builder.member);
		this.memberSettings = Map.copyOf(member);
		this.member = ServiceInstance.start("member", MemberApplication.class, member, this.clock);

		// Content: its own database (as in a deployment), the shared Kafka, the same passport key.
		// Redis is on this class path (member's and the gateway's), so content gets a prefix too.
		TestNamespace contentSpace = TestNamespace.create("content" + namespace.id());
		Map<String, String> content = new LinkedHashMap<>(contentSpace.springProperties(EnumSet.of(Infra.MARIADB, Infra.KAFKA)));
		content.putAll(namespace.springProperties(EnumSet.of(Infra.REDIS)));
		content.put("chorus.testkit.namespace", contentSpace.id());
		content.put("chorus.redis.key-prefix", namespace.redisKeyPrefix() + "content:");
		content.put("chorus.passport.public-jwks", new JWKSet(this.passportKey.toPublicJWK()).toString());
		exclude(content, GATEWAY_AUTOCONFIG, MONGO_AUTOCONFIG);
		content.putAll(builder.content);
		this.content = ServiceInstance.start("content", ContentApplication.class, content, this.clock);

		if (builder.music) {
			TestNamespace musicSpace = TestNamespace.create("music" + namespace.id());
			Map<String, String> music = new LinkedHashMap<>(musicSpace.springProperties(EnumSet.of(Infra.MARIADB, Infra.KAFKA)));
			music.putAll(namespace.springProperties(EnumSet.of(Infra.REDIS)));
			music.put("chorus.testkit.namespace", musicSpace.id());
			music.put("chorus.redis.key-prefix", namespace.redisKeyPrefix() + "music:");
			music.put("chorus.passport.public-jwks", new JWKSet(this.passportKey.toPublicJWK()).toString());
			music.put("chorus.music.media-dir", tempDirectory("chorus-e2e-media").toString());
			exclude(music, GATEWAY_AUTOCONFIG, MONGO_AUTOCONFIG);
			this.optionalServices.put("music", ServiceInstance.start("music", MusicApplication.class, music, this.clock));
		}
		if (builder.activity) {
			startReadService("activity", ActivityApplication.class, namespace, Map.of(
					"chorus.activity.group", "activity-" + namespace.id(),
					"chorus.activity.music-topic", musicTopic(namespace, builder)));
		}

		if (builder.timeline) {
			Map<String, String> timeline = new LinkedHashMap<>(builder.timelineSettings);
			timeline.put("chorus.timeline.group", "timeline-" + namespace.id());
			// Its own application.yaml excludes Lettuce's observation (see timeline's README); the
			// exclusions set here replace that list, so it is repeated.
			timeline.put("spring.autoconfigure.exclude", String.join(",", List.of(
					"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")));
			startReadService("timeline", TimelineApplication.class, namespace, timeline);
		}
		if (builder.search) {
			startReadService("search", SearchApplication.class, namespace, Map.of(
					"chorus.search.consumer-group", "search-" + namespace.id(),
					"chorus.search.music-topic", musicTopic(namespace, builder)));
		}
		if (builder.chart) {
			// Redis only (no Mongo, no SQL), fed by music's plays.
			Map<String, String> chart = new LinkedHashMap<>(namespace.springProperties(EnumSet.of(Infra.REDIS, Infra.KAFKA)));
			chart.put("chorus.redis.key-prefix", namespace.redisKeyPrefix() + "chart:");
			chart.put("chorus.passport.public-jwks", new JWKSet(this.passportKey.toPublicJWK()).toString());
			chart.put("chorus.chart.group", "chart-" + namespace.id());
			chart.put("chorus.chart.topic", musicTopic(namespace, builder));
			exclude(chart, GATEWAY_AUTOCONFIG, SQL_AUTOCONFIG, MONGO_AUTOCONFIG);
			this.optionalServices.put("chart", ServiceInstance.start("chart", ChartApplication.class, chart, this.clock));
		}
		if (builder.web) {
			// The web client's server: no store, no events, only the bundle on its class path.
			Map<String, String> web = new LinkedHashMap<>(namespace.springProperties(EnumSet.of(Infra.REDIS)));
			exclude(web, GATEWAY_AUTOCONFIG, SQL_AUTOCONFIG, MONGO_AUTOCONFIG,
					List.of("io.chorus.platform.events.EventsAutoConfiguration"));
			this.optionalServices.put("web", ServiceInstance.start("web", WebApplication.class, web, this.clock));
		}

		if (builder.chat) {
			// chat's application.yaml excludes Lettuce's observation too (see timeline above)
			startReadService("chat", ChatApplication.class, namespace, Map.of("spring.autoconfigure.exclude",
					"org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration"));
		}

		Map<String, String> gateway = new LinkedHashMap<>(namespace.springProperties(EnumSet.of(Infra.REDIS)));
		gateway.put("chorus.redis.key-prefix", namespace.redisKeyPrefix() + "gw:");
		// The services' storage and event libraries are on this class path; the gateway has none.
		exclude(gateway, SQL_AUTOCONFIG, MONGO_AUTOCONFIG, List.of("io.chorus.platform.events.EventsAutoConfiguration"));
		gateway.put("chorus.gateway.services.member.uri", this.member.baseUrl());
		gateway.put("chorus.gateway.services.content.uri", this.content.baseUrl());
		this.optionalServices.forEach((name, instance) -> gateway.put("chorus.gateway.services." + name + ".uri", instance.baseUrl()));
		gateway.put("chorus.gateway.jwks-uri", this.member.baseUrl() + "/.well-known/jwks.json");
		gateway.put("chorus.gateway.passport.private-jwk", this.passportKey.toJSONString());
		// Every client of a test class signs up from its own loopback address; the auth bucket
		// stays roomy so only the rate-limit test meets a limit.
		gateway.put("chorus.gateway.rate-limit.auth.capacity", "1000");
		gateway.put("chorus.gateway.rate-limit.auth.refill-per-second", "100");
		gateway.putAll(builder.gateway);
		this.gateway = ServiceInstance.start("gateway", GatewayApplication.class, gateway, this.clock);
	}

	/**
	 * An event-fed service: its own Mongo database and Redis prefix, the shared Kafka, the
	 * gateway's passport key, and none of the SQL or gateway machinery on this class path.
	 */
	private void startReadService(String name, Class<?> application, TestNamespace namespace,
			Map<String, String> settings) {
		TestNamespace space = TestNamespace.create(name + namespace.id());
		Map<String, String> props = new LinkedHashMap<>(space.springProperties(EnumSet.of(Infra.MONGO, Infra.REDIS, Infra.KAFKA)));
		props.put("chorus.testkit.namespace", space.id());
		props.put("chorus.redis.key-prefix", space.redisKeyPrefix());
		props.put("chorus.passport.public-jwks", new JWKSet(this.passportKey.toPublicJWK()).toString());
		Map<String, String> own = new LinkedHashMap<>(settings);
		String ownExclusions = own.remove("spring.autoconfigure.exclude");
		exclude(props, GATEWAY_AUTOCONFIG, SQL_AUTOCONFIG,
				(ownExclusions != null) ? List.of(ownExclusions.split(",")) : List.of());
		props.putAll(own);
		this.optionalServices.put(name, ServiceInstance.start(name, application, props, this.clock));
	}

	// Without music in the stack its consumers read an empty topic of the test class's own
	// (creating it again is a no-op).
	private static String musicTopic(TestNamespace namespace, Builder builder) {
		return builder.music ? "music.events" : namespace.createTopic("music.events", 1);
	}

	private static java.nio.file.Path tempDirectory(String prefix) {
		try {
			return java.nio.file.Files.createTempDirectory(prefix);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@SafeVarargs
	private static void exclude(Map<String, String> props, List<String>... autoConfigurations) {
		List<String> all = new ArrayList<>();
		for (List<String> list : autoConfigurations) {
			all.addAll(list);
		}
		props.put("spring.autoconfigure.exclude", String.join(",", all));
	}

	static Builder on(TestNamespace namespace) {
		return new Builder(namespace);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static ECKey newPassportKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The gateway's WebSocket base, e.g. {@code ws://127.0.0.1:PORT}. */
	String gatewayWebSocket() {
		return "ws://127.0.0.1:" + this.gateway.port();
	}

	MutableClock clock() {
		return this.clock;
	}

	/** The gateway's own passport key: what a forger who stole it could sign with. */
	ECKey passportKey() {
		return this.passportKey;
	}

	/** A client of the gateway's public port whose connections come from {@code loopbackAddress}. */
	WebTestClient client(String loopbackAddress) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(loopbackAddress, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(this.gateway.baseUrl())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * Makes a member an admin the way an operator does (there is no API for it): in member's
	 * database. Their next login carries the role.
	 */
	void grantAdmin(String memberId) {
		Long updated = this.member.bean(DatabaseClient.class)
			.sql("UPDATE member SET roles = :roles WHERE id = :id")
			.bind("roles", Roles.MEMBER + "," + Roles.ADMIN)
			.bind("id", memberId)
			.fetch()
			.rowsUpdated()
			.block();
		if (updated == null || updated != 1) {
			throw new IllegalStateException("no member " + memberId);
		}
	}

	/** The content deployable, for looking at what it stored (tests drive it only through the gateway). */
	ServiceInstance content() {
		return this.content;
	}

	/** The gateway's public base URL, for clients that are not a WebTestClient (a browser). */
	String gatewayUrl() {
		return this.gateway.baseUrl();
	}

	/** Member's public port (the replica the gateway routes to), for its JWKS. */
	WebTestClient member() {
		return WebTestClient.bindToServer().baseUrl(this.member.baseUrl()).build();
	}

	/**
	 * Another member replica on the same database and Redis, not behind the gateway: reach it
	 * directly, as a second pod behind member's Service would be reached.
	 */
	WebTestClient startMemberReplica() {
		ServiceInstance replica = ServiceInstance.start("member", MemberApplication.class, this.memberSettings, this.clock);
		this.memberReplicas.add(replica);
		return WebTestClient.bindToServer().baseUrl(replica.baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Override
	public void close() {
		this.memberReplicas.forEach(ServiceInstance::close);
		this.gateway.close();
		this.optionalServices.values().forEach(ServiceInstance::close);
		this.content.close();
		this.member.close();
	}

	static final class Builder {

		private final TestNamespace namespace;

		private final MutableClock clock = new MutableClock();

		private final Map<String, String> member = new LinkedHashMap<>();

		private final Map<String, String> gateway = new LinkedHashMap<>();

		private final Map<String, String> content = new LinkedHashMap<>();

		private boolean activity;

		private boolean search;

		private boolean timeline;

		private boolean music;

		private boolean chart;

		private boolean web;
		private boolean chat;

		private final Map<String, String> timelineSettings = new LinkedHashMap<>();

		private Builder(TestNamespace namespace) {
			this.namespace = namespace;
		}

		Builder member(String property, String value) {
			this.member.put(property, value);
			return this;
		}

		Builder content(String property, String value) {
			this.content.put(property, value);
			return this;
		}

		/** Also start activity, fed by member's and content's events, behind the gateway. */
		Builder withActivity() {
			this.activity = true;
			return this;
		}

		/** Also start timeline, fed by member's and content's events, behind the gateway. */
		Builder withTimeline() {
			this.timeline = true;
			return this;
		}

		Builder timeline(String property, String value) {
			this.timelineSettings.put(property, value);
			return this;
		}

		/** Also start music (its own database, a temporary media directory) behind the gateway. */
		Builder withMusic() {
			this.music = true;
			return this;
		}

		/** Also start search, fed by content's (and music's, when started) events, behind the gateway. */
		Builder withSearch() {
			this.search = true;
			return this;
		}

		/** Also start chart (Redis only), fed by music's play events, behind the gateway. */
		Builder withChart() {
			this.chart = true;
			return this;
		}

		/** Also start the web client's server behind the gateway's lowest-priority route. */
		Builder withWeb() {
			this.web = true;
			return this;
		}

		/** Also start chat (its own Mongo database and Redis prefix) behind the gateway. */
		Builder withChat() {
			this.chat = true;
			return this;
		}

		Builder gateway(String property, String value) {
			this.gateway.put(property, value);
			return this;
		}

		ChorusStack start() {
			return new ChorusStack(this);
		}

	}

}
