package io.chorus.member.testing;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.kafka.CloudEventsOnKafka;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The member service on a random port with real MariaDB, Redis and Kafka (one database and key
 * prefix per test class), driven over HTTP. Argon2 runs with small memory to keep tests quick;
 * the production defaults are checked in unit tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "chorus.member.password.memory-kib=4096",
				"chorus.member.password.iterations=1" })
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
public abstract class IntegrationTestBase {

	protected static final TestPassports passports = new TestPassports();

	@LocalServerPort
	protected int port;

	@Autowired
	protected DatabaseClient db;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	protected MemberClient client;

	protected Rows rows;

	protected CloudEventsOnKafka events;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	@BeforeEach
	void connect() {
		this.client = new MemberClient(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build(),
				passports);
		this.rows = new Rows(this.db);
		this.events = new CloudEventsOnKafka(this.bootstrapServers, "member.events");
	}

}
