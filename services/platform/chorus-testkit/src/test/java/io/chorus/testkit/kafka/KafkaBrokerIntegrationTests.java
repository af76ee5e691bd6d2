package io.chorus.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@ChorusInfrastructure(Infra.KAFKA)
class KafkaBrokerIntegrationTests {

    @Test
    void producesAndConsumesAcrossABrokerRestartOnTheSamePort(TestNamespace namespace) throws Exception {
        KafkaBroker broker = namespace.kafka();
        String topic = namespace.createTopic("posts", 3);
        String bootstrap = broker.bootstrapServers();

        send(bootstrap, topic, "post-1", "created");
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();

        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        send(bootstrap, topic, "post-2", "created");
        List<String> keys = consume(bootstrap, topic, 2).stream().map(ConsumerRecord::key).toList();
        assertThat(keys).containsExactlyInAnyOrder("post-1", "post-2");
    }

    @Test
    void autoCreatesTopicsAndSupportsTransactionalProducers(TestNamespace namespace) throws Exception {
        String bootstrap = namespace.kafka().bootstrapServers();
        String topic = namespace.topic("likes");

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, namespace.id() + "-tx",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "like-1", "liked"));
            producer.commitTransaction();
        }

        assertThat(consume(bootstrap, topic, 1)).singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo("liked"));
    }

    @Test
    void topicNamesCarryTheNamespace(TestNamespace namespace) {
        assertThat(namespace.topic("posts")).isEqualTo("posts." + namespace.id())
                .isNotEqualTo(TestNamespace.create("other").topic("posts"));
    }

    private static void send(String bootstrap, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
