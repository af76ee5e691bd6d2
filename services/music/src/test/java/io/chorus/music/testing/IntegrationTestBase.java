package io.chorus.music.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * The music service on a random port with real MariaDB, Redis and Kafka (one database and key
 * prefix per test class) and its own media directory, driven over HTTP. Uploads are limited to
 * {@value #MAX_TRACK_BYTES} bytes so the limit is cheap to cross.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "chorus.music.max-track-bytes=" + IntegrationTestBase.MAX_TRACK_BYTES,
				"chorus.music.max-image-bytes=200000" })
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA })
public abstract class IntegrationTestBase {

	public static final int MAX_TRACK_BYTES = 300_000;

	protected static final TestPassports passports = new TestPassports();

	/** One per JVM; each class sees only its own uploads through {@link #mediaFiles}. */
	protected static final Path MEDIA_DIR = createMediaDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected DatabaseClient db;

	@Value("${chorus.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	@Value("${chorus.music.media-dir}")
	protected Path mediaDir;

	protected MusicClient client;

	protected CloudEventsOnKafka events;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("chorus.passport.public-jwks", passports::publicJwks);
		String dir;
		try {
			dir = Files.createTempDirectory(MEDIA_DIR, "media-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		registry.add("chorus.music.media-dir", () -> dir);
	}

	@BeforeEach
	void connect() {
		this.client = new MusicClient(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build(),
				passports);
		this.events = new CloudEventsOnKafka(this.bootstrapServers, "music.events");
	}

	private static Path createMediaDir() {
		try {
			return Files.createTempDirectory("chorus-music-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every regular file under the media directory (relative paths), for "nothing stored" checks. */
	protected java.util.List<String> mediaFiles() {
		try (var walk = Files.walk(this.mediaDir)) {
			return walk.filter(Files::isRegularFile).map((p) -> this.mediaDir.relativize(p).toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected long count(String sql) {
		return this.db.sql(sql).map((row) -> ((Number) row.get(0)).longValue()).one().blockOptional().orElse(0L);
	}

}
