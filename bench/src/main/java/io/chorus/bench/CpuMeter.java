package io.chorus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per process, from {@code /proc/<pid>/stat} (user + system), so each target can be
 * reported as CPU seconds per 1 000 requests for every process it involved. Watches the local
 * stack's pid files ({@code <local dir>/run/*.pid}), the database and Redis servers the
 * infrastructure process started, and whatever the bench registers itself (the ceilings).
 */
final class CpuMeter {

	private final Path runDirectory;

	private final Map<String, Long> extra = new LinkedHashMap<>();

	private final double ticksPerSecond;

	CpuMeter(Path runDirectory) {
		this.runDirectory = runDirectory;
		this.ticksPerSecond = clockTicks();
	}

	void watch(String name, long pid) {
		this.extra.put(name, pid);
	}

	void forget(String name) {
		this.extra.remove(name);
	}

	/** The pid of a process of the local stack (or one registered here), or -1. */
	long pid(String name) {
		Long registered = this.extra.get(name);
		return (registered != null) ? registered : pids().getOrDefault(name, -1L);
	}

	/** CPU seconds used so far, by process name. */
	Map<String, Double> snapshot() {
		Map<String, Long> pids = new LinkedHashMap<>(pids());
		pids.putAll(this.extra);
		Map<String, Double> seconds = new LinkedHashMap<>();
		pids.forEach((name, pid) -> {
			double used = cpuSeconds(pid);
			if (used >= 0) {
				seconds.put(name, used);
			}
		});
		return seconds;
	}

	/** CPU seconds each process used between two snapshots (only those that used any). */
	static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> used = new LinkedHashMap<>();
		after.forEach((name, seconds) -> {
			double delta = seconds - before.getOrDefault(name, seconds);
			if (delta > 0) {
				used.put(name, delta);
			}
		});
		return used;
	}

	private Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		if (!Files.isDirectory(this.runDirectory)) {
			return pids;
		}
		try (Stream<Path> files = Files.list(this.runDirectory)) {
			files.filter((file) -> file.toString().endsWith(".pid")).sorted().forEach((file) -> {
				String name = file.getFileName().toString().replace(".pid", "");
				try {
					pids.put(name, Long.parseLong(Files.readString(file).strip()));
				}
				catch (IOException | NumberFormatException ex) {
					// a pid file being rewritten: skip it this time
				}
			});
		}
		catch (IOException ex) {
			return pids;
		}
		Long infra = pids.get("infra");
		if (infra != null) {
			children(infra).forEach((name, pid) -> pids.put("infra/" + name, pid));
		}
		return pids;
	}

	/** The direct children of {@code parent}, by command name (mariadbd, redis-server). */
	private static Map<String, Long> children(long parent) {
		Map<String, Long> children = new LinkedHashMap<>();
		try (Stream<Path> all = Files.list(Path.of("/proc"))) {
			all.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit)).forEach((dir) -> {
				String[] stat = stat(Long.parseLong(dir.getFileName().toString()));
				if (stat != null && Long.parseLong(stat[1]) == parent) {
					children.put(stat[0], Long.parseLong(dir.getFileName().toString()));
				}
			});
		}
		catch (IOException ex) {
			// no /proc: nothing to attribute
		}
		return children;
	}

	private double cpuSeconds(long pid) {
		String[] stat = stat(pid);
		if (stat == null) {
			return -1;
		}
		// After "(comm)": state ppid ... utime is field 14, stime 15 of /proc/<pid>/stat.
		return (Long.parseLong(stat[2]) + Long.parseLong(stat[3])) / this.ticksPerSecond;
	}

	/** {comm, ppid, utime, stime} of a process, or null if it is gone. */
	private static String[] stat(long pid) {
		try {
			String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
			int close = text.lastIndexOf(')');
			String comm = text.substring(text.indexOf('(') + 1, close);
			String[] fields = text.substring(close + 2).split(" ");
			return new String[] { comm, fields[1], fields[11], fields[12] };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static double clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			getconf.waitFor();
			return Double.parseDouble(ticks);
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
