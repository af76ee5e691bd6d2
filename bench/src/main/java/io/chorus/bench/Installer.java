package io.chorus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Extra service instances beside the local stack, through {@code installer.sh local variant}
 * (same infrastructure and secrets, own ports, extra settings as environment variables).
 */
final class Installer {

	private Installer() {
	}

	/** Starts {@code name}, an instance of {@code module} on {@code ports} (HTTP, management); waits until ready. */
	static void variant(String name, String module, List<String> ports, List<String> settings) {
		List<String> command = new ArrayList<>(List.of("./installer.sh", "local", "variant", name, module, ports.get(0),
				ports.get(1)));
		command.addAll(settings);
		run(command);
	}

	static void stop(String name) {
		run(List.of("./installer.sh", "local", "stop", name));
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			int exit = process.waitFor();
			if (exit != 0) {
				throw new IllegalStateException(String.join(" ", command) + " exited " + exit);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
