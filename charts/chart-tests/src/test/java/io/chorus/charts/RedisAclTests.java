package io.chorus.charts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's Redis start script, as rendered, run with a real redis-server (an installed one, or
 * the 6.2 binary shipped in embedded-redis; ACL syntax is the same as 7.4's): each service's user
 * reaches its own key prefixes and nothing else, cannot flush, list keys or reconfigure, and can
 * still do what its client needs (health INFO, Lua); the admin can do everything.
 */
class RedisAclTests {

	@TempDir
	Path tmp;

	Process redis;

	int port;

	@BeforeEach
	void startRedisWithTheChartsAcl() throws Exception {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		JsonNode container = Charts.named(docs, "StatefulSet", "redis").at("/spec/template/spec/containers/0");
		String script = container.at("/args/0").asText();
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		script = script.replace("/tmp/", this.tmp + "/")
			.replace("exec redis-server ", "exec '" + redisServer() + "' --port " + this.port
					+ " --bind 127.0.0.1 --save '' --daemonize no --dir '" + this.tmp + "' ");
		List<String> command = new ArrayList<>();
		container.path("command").forEach((c) -> command.add(c.asText()));
		command.add(script);
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.tmp.resolve("redis.log").toFile());
		// The Secret's values, one per user the pod reads.
		container.path("env").forEach((e) -> pb.environment().put(e.path("name").asText(), "pw-" + e.path("name").asText()));
		this.redis = pb.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (true) {
			try (Socket ignored = new Socket("127.0.0.1", this.port)) {
				break;
			}
			catch (IOException ex) {
				assertThat(this.redis.isAlive()).as(Files.readString(this.tmp.resolve("redis.log"))).isTrue();
				assertThat(System.nanoTime()).as("redis-server listening").isLessThan(deadline);
				Thread.sleep(50);
			}
		}
	}

	@AfterEach
	void stop() throws Exception {
		this.redis.destroy();
		this.redis.waitFor(10, TimeUnit.SECONDS);
	}

	static Path redisServer() throws IOException {
		for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
			if (Files.isExecutable(Path.of(dir, "redis-server"))) {
				return Path.of(dir, "redis-server");
			}
		}
		String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
		Path target = Files.createTempDirectory("chart-tests-redis").resolve("redis-server");
		try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
			Files.copy(in, target);
		}
		assertThat(target.toFile().setExecutable(true)).isTrue();
		return target;
	}

	/** A minimal RESP client: one connection per user. */
	final class Client implements AutoCloseable {

		final Socket socket;

		final OutputStream out;

		final BufferedReader in;

		Client() throws IOException {
			this.socket = new Socket("127.0.0.1", RedisAclTests.this.port);
			this.socket.setSoTimeout(5000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		}

		/** The reply's first line (+OK, -NOPERM …, :1, $n, *n), skipping bulk payloads. */
		String call(String... args) throws IOException {
			StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
			}
			this.out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			this.out.flush();
			String line = this.in.readLine();
			skip(line);
			return line;
		}

		private void skip(String line) throws IOException {
			if (line.startsWith("$") && !line.equals("$-1")) {
				int length = Integer.parseInt(line.substring(1));
				char[] payload = new char[length + 2];
				int read = 0;
				while (read < payload.length) {
					read += this.in.read(payload, read, payload.length - read);
				}
			}
			else if (line.startsWith("*") && !line.equals("*-1")) {
				for (int i = Integer.parseInt(line.substring(1)); i > 0; i--) {
					skip(this.in.readLine());
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	Client as(String user) throws IOException {
		Client client = new Client();
		String password = "pw-REDIS_PASSWORD" + (user.equals("default") ? "" : "_" + user.toUpperCase());
		assertThat(client.call("AUTH", user, password)).as("AUTH " + user).isEqualTo("+OK");
		return client;
	}

	@Test
	void eachServiceReachesOnlyItsOwnKeysAndNoAdminCommands() throws Exception {
		try (Client member = as("member")) {
			assertThat(member.call("SET", "member:login:fail:ip:10.0.0.1", "1")).isEqualTo("+OK");
			assertThat(member.call("INCR", "member:signup:ip:10.0.0.1")).isEqualTo(":1");
			assertThat(member.call("GET", "tl:home:m-1")).startsWith("-NOPERM");
			assertThat(member.call("SET", "gw:revoked:jti", "1")).startsWith("-NOPERM");
			assertThat(member.call("FLUSHALL")).startsWith("-NOPERM");
			assertThat(member.call("FLUSHDB")).startsWith("-NOPERM");
			assertThat(member.call("KEYS", "*")).startsWith("-NOPERM");
			assertThat(member.call("CONFIG", "GET", "maxmemory")).startsWith("-NOPERM");
			// What the client itself needs: health (INFO, PING) and Lua on its own keys.
			assertThat(member.call("PING")).isEqualTo("+PONG");
			assertThat(member.call("INFO", "server")).startsWith("$");
			assertThat(member.call("EVAL", "return redis.call('INCR', KEYS[1])", "1", "member:login:fail:account:x"))
				.isEqualTo(":1");
			assertThat(member.call("EVAL", "return redis.call('GET', KEYS[1])", "1", "chart:daily:2027-01-05"))
				.startsWith("-NOPERM");
		}
		try (Client chart = as("chart")) {
			assertThat(chart.call("ZINCRBY", "chart:daily:2027-01-05", "1", "t-1")).startsWith("$");
			assertThat(chart.call("SET", "dedupe:chart:e-1", "1")).isEqualTo("+OK");
			assertThat(chart.call("SET", "dedupe:timeline:e-1", "1")).startsWith("-NOPERM");
			assertThat(chart.call("GET", "member:login:fail:ip:10.0.0.1")).startsWith("-NOPERM");
		}
		try (Client admin = as("default")) {
			assertThat(admin.call("GET", "member:login:fail:ip:10.0.0.1")).startsWith("$");
			assertThat(admin.call("KEYS", "*")).startsWith("*");
		}
		// Without a user: refused.
		try (Client anonymous = new Client()) {
			assertThat(anonymous.call("GET", "member:login:fail:ip:10.0.0.1")).startsWith("-NOAUTH");
			assertThat(anonymous.call("AUTH", "member", "wrong")).startsWith("-WRONGPASS");
		}
	}

	@Test
	void everyRedisServiceCanAuthenticate() throws Exception {
		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		for (String service : DataStoreAccessTests.clientsOf(docs, "SPRING_DATA_REDIS_HOST").keySet()) {
			try (Client client = as(service)) {
				assertThat(client.call("PING")).isEqualTo("+PONG");
			}
		}
	}

}
