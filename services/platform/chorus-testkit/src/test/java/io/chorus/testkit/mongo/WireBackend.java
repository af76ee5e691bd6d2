package io.chorus.testkit.mongo;

import java.nio.file.Path;

/** The two backends the wire server runs on: tests (in memory) and local mode (H2 file). */
enum WireBackend {

    MEMORY, H2_FILE;

    MongoWireServer start(Path dir) {
        return (this == MEMORY) ? MongoWireServer.start(0)
                : MongoWireServer.startPersistent(0, dir.resolve("mongo").resolve("chorus.mv"));
    }
}
