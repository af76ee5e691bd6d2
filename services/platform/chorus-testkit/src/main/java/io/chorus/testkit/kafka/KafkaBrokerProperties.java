package io.chorus.testkit.kafka;

import io.chorus.testkit.internal.Net;
import java.nio.file.Path;
import java.util.Properties;

/** Server properties of the single-node test broker (combined broker and KRaft controller). */
final class KafkaBrokerProperties {

    private KafkaBrokerProperties() {
    }

    static Properties of(Path logDir, int port, int controllerPort, int nodeId, String controllerListener) {
        var props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", nodeId + "@" + Net.LOOPBACK + ":" + controllerPort);
        props.put("controller.listener.names", controllerListener);
        props.put("listeners", "PLAINTEXT://" + Net.LOOPBACK + ":" + port + "," + controllerListener + "://"
                + Net.LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + Net.LOOPBACK + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + controllerListener + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // Single node: every internal topic must live with one replica, or transactions hang.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Small footprint on a 2-core box: fewer threads, a small log-cleaner buffer (default 128 MB).
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        return props;
    }
}
