package io.chorus.platform.events.replay;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.chorus.platform.events.CloudEventCodec;
import io.chorus.platform.events.TraceparentSource;
import io.chorus.platform.events.kafka.ChorusKafkaProperties;
import io.chorus.platform.events.kafka.EventPublisher;
import io.chorus.platform.events.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;

/**
 * Command line for {@link ReplayTool}, runnable from any service image (the starter is on its
 * class path):
 * <pre>
 * java -cp app.jar -Dloader.main=io.chorus.platform.events.replay.ReplayCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     dead-letters --bootstrap-servers kafka:9092 --topic content.events --group timeline
 * ... rewind --bootstrap-servers kafka:9092 --topic content.events --group timeline --from 2026-01-01T00:00:00Z
 * </pre>
 * Without a dedupe store the rewound events that the group had applied are skipped as duplicates;
 * the admin endpoint (which has the service's Redis) also forgets them.
 */
public final class ReplayCommand {

	private ReplayCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command and returns the process exit status (0 done, 1 failed, 2 usage). */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String action = (args.length > 0) ? args[0] : "";
		String servers = options.get("bootstrap-servers");
		String topic = options.get("topic");
		String group = options.get("group");
		String from = options.get("from");
		boolean valid = servers != null && topic != null && group != null
				&& (action.equals("dead-letters") || (action.equals("rewind") && from != null));
		if (!valid || args.length % 2 == 0) {
			err.println("usage: dead-letters --bootstrap-servers H:P --topic T --group G");
			err.println("       rewind --bootstrap-servers H:P --topic T --group G --from 2026-01-01T00:00:00Z");
			return 2;
		}
		ChorusKafkaProperties properties = new ChorusKafkaProperties(servers, null, false, Map.of(), Map.of(), Map.of(),
				Map.of());
		try (KafkaClients clients = new KafkaClients(properties, "chorus-replay", null);
				Admin admin = clients.createAdmin();
				EventPublisher publisher = new EventPublisher(clients, new CloudEventCodec(),
						TraceparentSource.CONTEXT_ONLY, null)) {
			ReplayTool tool = new ReplayTool(clients, admin, publisher, null);
			// The CLI's main thread has nothing else to do but wait for the one result.
			Object result = action.equals("rewind") ? tool.rewind(topic, group, Instant.parse(from)).block()
					: tool.replayDeadLetters(topic, group).block();
			out.println(result);
			return 0;
		}
		catch (RuntimeException ex) {
			err.println("failed: " + ex.getMessage());
			return 1;
		}
	}

}
