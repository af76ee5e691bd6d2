package io.chorus.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOptionsTests {

    @Test
    void defaultsToTheDocumentedPorts() {
        LocalOptions options = LocalOptions.parse("--data-dir", ".local");

        assertThat(options.dataDir()).isEqualTo(Path.of(".local").toAbsolutePath().normalize());
        assertThat(List.of(options.mariaDbPort(), options.redisPort(), options.kafkaPort(), options.kafkaControllerPort(),
                options.mongoPort())).containsExactly(3307, 6380, 9092, 9093, 27018);
        assertThat(options.databases()).containsExactly("member", "content", "music");
    }

    @Test
    void flagsOverrideEveryPortAndTheDatabases() {
        LocalOptions options = LocalOptions.parse("--data-dir", "/tmp/x", "--mariadb-port", "1", "--redis-port", "2",
                "--kafka-port", "3", "--kafka-controller-port", "4", "--mongo-port", "5", "--databases", "a, b");

        assertThat(options).isEqualTo(new LocalOptions(Path.of("/tmp/x"), 1, 2, 3, 4, 5, List.of("a", "b")));
    }

    @Test
    void rejectsMissingDataDirUnknownFlagsAndBadValues() {
        assertThatThrownBy(LocalOptions::parse).hasMessageContaining("--data-dir is required");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir", "x", "--nope", "1")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir", "x", "--redis-port", "70000")).hasMessageContaining("Not a port");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir", "x", "--databases", "a;drop")).hasMessageContaining("Invalid database");
        assertThatThrownBy(() -> LocalOptions.parse("--data-dir")).hasMessageContaining("Missing value");
    }
}
