package io.chorus.content.testing;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.passport.TestPassports;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The content service on a random port with real MariaDB and Kafka (one database per test
 * class; the {@code content.events} topic is shared by the JVM, so tests pick their events by
 * post id), driven over HTTP with passports as the gateway mints them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "logging.level.org.apache.kafka=WARN",
				"logging.level.kafka=WARN" })
@ChorusInfrastructure({ Infra.MARIADB, Infra.KAFKA })
public abstract class IntegrationTestBase {

	protected static final TestPassports passports = new TestPassports();

	@LocalServerPort
	protected int port;

	@Autowired
	protected DatabaseClient db;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	protected ContentClient client;

	protected Rows rows;

	protected ContentEventsOnKafka events;

	@DynamicPropertySource
	static void passportKeys(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
	}

	@BeforeEach
	void connect() {
		this.client = new ContentClient("http://127.0.0.1:" + this.port, passports);
		this.rows = new Rows(this.db);
		this.events = new ContentEventsOnKafka(this.bootstrapServers);
	}

}
