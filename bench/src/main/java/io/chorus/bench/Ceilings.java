package io.chorus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The two ceilings every target is compared with, each run as its own process (never inside the
 * generator's JVM): a raw Reactor Netty server and a bare Spring Boot WebFlux application on the
 * services' Boot version, both answering {@code GET /hello} with five bytes.
 *
 * <p>{@code java -cp <bench classpath> io.chorus.bench.Ceilings raw|boot <port>}
 */
public final class Ceilings {

	private Ceilings() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[1]);
		switch (args[0]) {
			case "raw" -> {
				DisposableServer server = HttpServer.create()
					.host("127.0.0.1")
					.port(port)
					.route((routes) -> routes.get("/hello", (request, response) -> response.sendString(Mono.just("hello"))))
					.bindNow();
				server.onDispose().block();
			}
			case "boot" -> SpringApplication.run(BootHello.class, "--server.port=" + port, "--server.address=127.0.0.1",
					"--spring.main.banner-mode=off");
			default -> throw new IllegalArgumentException("raw or boot, not " + args[0]);
		}
	}

	/** A bare WebFlux application: one functional route, nothing else configured. */
	@SpringBootApplication(proxyBeanMethods = false)
	public static class BootHello {

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route()
				.GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello"))
				.build();
		}

	}

	/** Starts one ceiling as a child process with this JVM's class path; waits until it listens. */
	static Process start(String kind, int port) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				Ceilings.class.getName(), kind, Integer.toString(port));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "chorus-ceiling-" + kind + ".log").toFile())
				.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException(kind + " ceiling exited with " + process.exitValue());
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
					return process;
				}
				catch (IOException ex) {
					Thread.sleep(200); // the generator's main thread, waiting for a child process
				}
			}
			process.destroyForcibly();
			throw new IllegalStateException(kind + " ceiling did not listen on " + port + " within 60 s");
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
