package io.chorus.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import io.chorus.testkit.internal.Net;
import io.chorus.testkit.redis.RedisEndpoint;
import io.chorus.testkit.redis.RedisSource;
import io.chorus.testkit.redis.RespClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.bson.Document;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructureIntegrationTests {

    @Test
    void keepsEveryStoresDataAcrossRestarts(@TempDir Path dir) throws Exception {
        LocalOptions options = freePorts(dir);

        try (LocalInfrastructure local = LocalInfrastructure.start(options)) {
            Map<String, String> endpoints = local.endpoints();
            assertThat(endpoints).containsOnlyKeys("CHORUS_MARIADB_URL", "CHORUS_REDIS_URL",
                    "CHORUS_KAFKA_BOOTSTRAP_SERVERS", "CHORUS_MONGODB_URI");
            assertThat(readEnvFile(dir)).isEqualTo(endpoints);
            assertThat(endpoints.get("CHORUS_MARIADB_URL")).startsWith("mysql://chorus:").endsWith("@127.0.0.1:" + options.mariaDbPort());
            try (Connection c = connect(endpoints.get("CHORUS_MARIADB_URL"), "content"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE post (id INT PRIMARY KEY, body VARCHAR(20))");
                s.execute("INSERT INTO post VALUES (1, 'kept')");
            }
            try (RespClient redis = RespClient.connect(RedisEndpoint.fromUrl(endpoints.get("CHORUS_REDIS_URL"), RedisSource.ENV), 2_000)) {
                assertThat(redis.call("SET", "tl:home:1", "kept")).isEqualTo("OK");
            }
            try (var mongo = MongoClients.create(endpoints.get("CHORUS_MONGODB_URI"))) {
                mongo.getDatabase("timeline").getCollection("posts").insertOne(new Document("_id", "p1").append("body", "kept"));
            }
            try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    endpoints.get("CHORUS_KAFKA_BOOTSTRAP_SERVERS")), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("events", "k", "kept")).get(30, TimeUnit.SECONDS);
            }
            assertThatThrownBy(() -> LocalInfrastructure.start(options)).hasMessageContaining("Another LocalInfrastructure");
        }
        String secrets = Files.readString(dir.resolve("secrets.env"));
        assertThat(secrets).contains("CHORUS_MEMBER_KEY_ENCRYPTION_KEY=", "CHORUS_GATEWAY_PASSPORT_KEY='{\"kty\":\"EC\"");
        assertThat(dir.resolve("endpoints.env")).doesNotExist();
        assertThat(Net.canConnect(Net.LOOPBACK, options.mariaDbPort(), Duration.ofMillis(200))).isFalse();

        try (LocalInfrastructure again = LocalInfrastructure.start(options)) {
            try (Connection c = connect(again.endpoints().get("CHORUS_MARIADB_URL"), "content");
                    Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT body FROM post")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept");
            }
            assertThat(readTopic(again.endpoints().get("CHORUS_KAFKA_BOOTSTRAP_SERVERS"), "events")).containsExactly("kept");
            assertThat(Files.readString(dir.resolve("secrets.env"))).as("secrets are generated once").isEqualTo(secrets);
            try (RespClient redis = RespClient.connect(RedisEndpoint.fromUrl(again.endpoints().get("CHORUS_REDIS_URL"), RedisSource.ENV), 2_000)) {
                assertThat(redis.call("GET", "tl:home:1")).isEqualTo("kept");
            }
            try (var mongo = MongoClients.create(again.endpoints().get("CHORUS_MONGODB_URI"))) {
                Document post = mongo.getDatabase("timeline").getCollection("posts").find(new Document("_id", "p1")).first();
                assertThat(post).isNotNull();
                assertThat(post.getString("body")).isEqualTo("kept");
            }
        }
    }

    @Test
    void runsAsAProcessAndStopsItsServersOnSigterm(@TempDir Path dir) throws Exception {
        LocalOptions options = freePorts(dir);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalInfrastructure.class.getName(), "--data-dir", dir.toString(),
                "--mariadb-port", Integer.toString(options.mariaDbPort()), "--redis-port", Integer.toString(options.redisPort()),
                "--kafka-port", Integer.toString(options.kafkaPort()),
                "--kafka-controller-port", Integer.toString(options.kafkaControllerPort()),
                "--mongo-port", Integer.toString(options.mongoPort()), "--databases", "member")
                .redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("CHORUS_LOCAL_READY=true")) {
                lines.add(line);
            }
            assertThat(line).as("output: %s", lines).isEqualTo("CHORUS_LOCAL_READY=true");
            assertThat(lines).contains("CHORUS_MONGODB_URI=mongodb://127.0.0.1:" + options.mongoPort(),
                    "CHORUS_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + options.kafkaPort());
            assertThat(dir.resolve("endpoints.env")).exists();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(dir.resolve("endpoints.env")).doesNotExist();
        assertThat(Net.canConnect(Net.LOOPBACK, options.mariaDbPort(), Duration.ofMillis(200))).isFalse();
        assertThat(Net.canConnect(Net.LOOPBACK, options.redisPort(), Duration.ofMillis(200))).isFalse();
        assertThat(dir.resolve("mariadb/mariadbd.pid")).doesNotExist();
    }

    private static LocalOptions freePorts(Path dir) {
        return new LocalOptions(dir, Net.freePort(), Net.freePort(), Net.freePort(), Net.freePort(), Net.freePort(),
                List.of("member", "content"));
    }

    private static Connection connect(String mysqlUrl, String database) throws SQLException {
        URI uri = URI.create(mysqlUrl);
        String[] userInfo = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:mariadb://" + uri.getHost() + ":" + uri.getPort() + "/" + database,
                userInfo[0], userInfo[1]);
    }

    private static Map<String, String> readEnvFile(Path dir) throws Exception {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("endpoints.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }

    private static List<String> readTopic(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
