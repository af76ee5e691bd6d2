package io.chorus.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.TestNamespace;
import io.chorus.testkit.redis.RedisEndpoint;
import io.chorus.testkit.redis.RedisSource;
import io.chorus.testkit.redis.RespClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestConstructor;

@SpringBootTest(classes = ChorusInfrastructureSpringIntegrationTests.Empty.class,
        properties = "spring.flyway.user=explicit-user")
@ChorusInfrastructure
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class ChorusInfrastructureSpringIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    private final Environment env;
    private final TestNamespace namespace;

    ChorusInfrastructureSpringIntegrationTests(Environment env, TestNamespace namespace) {
        this.env = env;
        this.namespace = namespace;
    }

    @Test
    void registersTheSharedPropertyNamesForThisClassNamespace() {
        assertThat(namespace).isSameAs(TestNamespace.of(getClass()));
        assertThat(env.getProperty("chorus.testkit.namespace")).isEqualTo(namespace.id());
        assertThat(env.getProperty("spring.r2dbc.url")).isEqualTo(namespace.mariaDb().r2dbcUrl())
                .startsWith("r2dbc:mysql://127.0.0.1:").endsWith("/" + namespace.id());
        assertThat(env.getProperty("spring.flyway.url")).startsWith("jdbc:mariadb://127.0.0.1:");
        assertThat(env.getProperty("spring.r2dbc.username")).isEqualTo(namespace.mariaDb().username());
        assertThat(env.getProperty("spring.flyway.password")).isEqualTo(namespace.mariaDb().password());
        assertThat(env.getProperty("chorus.redis.key-prefix")).isEqualTo(namespace.id() + ":");
        assertThat(env.getProperty("spring.data.redis.port", Integer.class)).isEqualTo(namespace.redis().port());
        assertThat(env.getProperty("chorus.kafka.bootstrap-servers")).isEqualTo(namespace.kafka().bootstrapServers());
        assertThat(env.getProperty("spring.mongodb.uri")).isEqualTo(namespace.mongoUri());
        assertThat(env.getProperty("management.health.mongo.enabled", Boolean.class)).isFalse();
    }

    @Test
    void explicitTestPropertiesWin() {
        assertThat(env.getProperty("spring.flyway.user")).isEqualTo("explicit-user");
    }

    @Test
    void theRegisteredEndpointsWork() throws Exception {
        try (Connection c = DriverManager.getConnection(env.getRequiredProperty("spring.flyway.url"),
                env.getProperty("spring.r2dbc.username"), env.getProperty("spring.r2dbc.password"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT 1")) {
            assertThat(r.next()).isTrue();
        }
        var redis = new RedisEndpoint(env.getRequiredProperty("spring.data.redis.host"),
                env.getRequiredProperty("spring.data.redis.port", Integer.class), null, null, RedisSource.ENV);
        try (RespClient client = RespClient.connect(redis, 2_000)) {
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                env.getRequiredProperty("chorus.kafka.bootstrap-servers")))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        try (MongoClient mongo = MongoClients.create(env.getRequiredProperty("spring.mongodb.uri"))) {
            mongo.getDatabase(namespace.mongoDatabase()).getCollection("c").insertOne(new Document("k", 1));
            assertThat(mongo.getDatabase(namespace.mongoDatabase()).listCollectionNames().into(new java.util.ArrayList<>()))
                    .isEqualTo(List.of("c"));
        }
    }
}
