package io.chorus.bench.chat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelOption;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * Chat fan-out benchmark, against chat directly (a proxy would hold two sockets per WebSocket and
 * this box allows 20 000 open files per process): {@code members} WebSocket members in group
 * rooms of {@code room-size}, every member subscribed to its room; a steady, open-loop send rate
 * spread over the rooms; every delivery is counted and timed at the receiver from the send time
 * carried in the body (same process clock). Reports deliveries/s, latency percentiles, errors,
 * lost and duplicated deliveries, and chat's resident memory per 1 000 connections.
 *
 * <pre>
 * java -cp bench.jar io.chorus.bench.chat.ChatBench keygen --key-file K    # then start chat with K.jwks
 * java -cp bench.jar io.chorus.bench.chat.ChatBench run --key-file K --chat http://127.0.0.1:8088 \
 *      --members 10000 --room-size 50 --rate 200 --seconds 60 [--chat-pid PID]
 * </pre>
 */
public final class ChatBench {

	private final Map<String, String> flags;

	private final BenchPassports passports;

	private final String chat;

	private final int members;

	private final int roomSize;

	private final int rooms;

	private final HttpClient http;

	/** Unpooled: each WebSocket holds its own connection for the whole run. */
	private final HttpClient sockets = HttpClient.newConnection().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);

	private final Recorder latency = new Recorder(3);

	private final AtomicLong acks = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final AtomicLong unexpectedCloses = new AtomicLong();

	private final AtomicLong deliveries = new AtomicLong();

	private volatile boolean closing;

	private AtomicIntegerArray delivered = new AtomicIntegerArray(1);

	private ChatBench(Map<String, String> flags, BenchPassports passports) {
		this.flags = flags;
		this.passports = passports;
		this.chat = flags.getOrDefault("chat", "http://127.0.0.1:8088");
		this.members = Integer.parseInt(flags.getOrDefault("members", "10000"));
		this.roomSize = Integer.parseInt(flags.getOrDefault("room-size", "50"));
		this.rooms = this.members / this.roomSize;
		this.http = HttpClient
			.create(ConnectionProvider.builder("chat-bench").maxConnections(64).pendingAcquireMaxCount(-1).build())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> flags = new HashMap<>();
		for (int i = 1; i < args.length; i += 2) {
			flags.put(args[i].substring(2), args[i + 1]);
		}
		Path key = Path.of(flags.getOrDefault("key-file", "bench/target/chat-bench.key"));
		if (args.length > 0 && args[0].equals("keygen")) {
			Files.createDirectories(key.toAbsolutePath().getParent());
			BenchPassports.generate(key);
			System.out.println("wrote " + key + " and " + key + ".jwks (start chat with "
					+ "CHORUS_PASSPORT_PUBLIC_JWKS=\"$(cat " + key + ".jwks)\")");
			return;
		}
		new ChatBench(flags, BenchPassports.load(key)).run();
		System.exit(0);
	}

	private void run() throws Exception {
		double rate = Double.parseDouble(this.flags.getOrDefault("rate", "200"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(this.flags.getOrDefault("warmup-seconds", "10")));
		Duration measured = Duration.ofSeconds(Long.parseLong(this.flags.getOrDefault("seconds", "60")));
		String pid = this.flags.get("chat-pid");
		long rssStart = rss(pid);
		String tag = Long.toString(System.currentTimeMillis(), 36);

		long t0 = System.nanoTime();
		List<String> roomIds = Flux.range(0, this.rooms)
			.flatMapSequential(r -> createRoom(tag, r), 8)
			.collectList()
			.block(Duration.ofMinutes(10));
		System.out.printf("created %d rooms of %d in %.1f s%n", roomIds.size(), this.roomSize, secondsSince(t0));

		t0 = System.nanoTime();
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < this.rooms * this.roomSize; i++) {
			clients.add(new Client(member(tag, i / this.roomSize, i % this.roomSize), roomIds.get(i / this.roomSize)));
		}
		int concurrency = Integer.parseInt(this.flags.getOrDefault("connect-concurrency", "100"));
		// a client whose ticket lapsed before its upgrade (30 s; seen on an overloaded box) connects
		// again with a fresh one, as a real client would; failures after subscribing count as errors
		Flux.fromIterable(clients)
			.flatMap(c -> Mono.defer(c::connect).retry(3), concurrency)
			.then()
			.block(Duration.ofMinutes(15));
		long rssConnected = rss(pid);
		System.out.printf("%d members connected and subscribed in %.1f s%n", clients.size(), secondsSince(t0));

		int total = (int) Math.ceil(rate * (warmup.toSeconds() + measured.toSeconds())) + 16;
		this.delivered = new AtomicIntegerArray(total);
		int warmupCount = (int) (rate * warmup.toSeconds());
		int measuredCount = (int) (rate * measured.toSeconds());
		AtomicInteger next = new AtomicInteger();
		long periodNanos = (long) (1e9 / rate);
		CompletableFuture<Void> sent = new CompletableFuture<>();
		long start = System.nanoTime();
		// open loop: message i goes out at start + i * period, whatever the answers do
		Disposable sender = Flux.interval(Duration.ofMillis(1)).subscribe(tick -> {
			long due = (System.nanoTime() - start) / periodNanos;
			while (next.get() <= due && next.get() < warmupCount + measuredCount) {
				int i = next.getAndIncrement();
				int room = i % this.rooms;
				Client from = clients.get(room * this.roomSize + (i / this.rooms) % this.roomSize);
				boolean record = i >= warmupCount;
				from.send("{\"type\":\"send\",\"roomId\":\"" + from.room + "\",\"clientMsgId\":\"" + tag + "-" + i
						+ "\",\"body\":\"t" + System.nanoTime() + ":" + i + ":" + (record ? 1 : 0) + "\"}");
			}
			if (next.get() >= warmupCount + measuredCount) {
				sent.complete(null);
			}
		});
		sent.get();
		sender.dispose();
		long measuredNanos = System.nanoTime() - start - warmup.toNanos();
		// drain: wait until nothing arrives for 3 s (at most 30 s)
		long last = -1;
		for (int waited = 0; waited < 30 && this.deliveries.get() != last; waited += 3) {
			last = this.deliveries.get();
			Thread.sleep(3000);
		}
		long rssEnd = rss(pid);

		long expected = (long) measuredCount * this.roomSize;
		long got = 0;
		long lost = 0;
		long duplicated = 0;
		for (int i = warmupCount; i < warmupCount + measuredCount; i++) {
			int d = this.delivered.get(i);
			got += Math.min(d, this.roomSize);
			lost += Math.max(0, this.roomSize - d);
			duplicated += Math.max(0, d - this.roomSize);
		}
		Histogram h = this.latency.getIntervalHistogram();
		double seconds = measuredNanos / 1e9;
		StringBuilder report = new StringBuilder();
		report.append(String.format("%n## chat fan-out (%d members, rooms of %d, %.0f messages/s, %.0f s measured)%n%n",
				clients.size(), this.roomSize, rate, seconds));
		report.append("| messages | expected deliveries | delivered | lost | duplicated | errors | unexpected closes | deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms |\n");
		report.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		report.append(String.format("| %d | %d | %d | %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f |%n", measuredCount,
				expected, got, lost, duplicated, this.errors.get(), this.unexpectedCloses.get(), got / seconds,
				h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
				h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0));
		if (rssStart > 0) {
			report.append(String.format("%nchat RSS: %d MB idle, %d MB with %d connections (%.1f MB per 1 000), %d MB at the end%n",
					rssStart >> 10, rssConnected >> 10, clients.size(),
					(rssConnected - rssStart) / 1024.0 / (clients.size() / 1000.0), rssEnd >> 10));
		}
		System.out.println(report);
		String out = this.flags.get("report");
		if (out != null) {
			Files.writeString(Path.of(out), report.toString(), StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		}
		this.closing = true;
		clients.forEach(Client::close);
	}

	private Mono<String> createRoom(String tag, int room) {
		List<String> others = new ArrayList<>();
		for (int m = 1; m < this.roomSize; m++) {
			others.add("\"" + member(tag, room, m) + "\"");
		}
		String body = "{\"kind\":\"group\",\"name\":\"bench " + room + "\",\"memberIds\":[" + String.join(",", others)
				+ "]}";
		return post("/api/chat/rooms", member(tag, room, 0), body).map(json -> field(json, "id"));
	}

	private Mono<String> post(String path, String member, String body) {
		return this.http.headers(h -> h.set("X-Passport", this.passports.mint(member)).set("Content-Type",
				"application/json"))
			.post()
			.uri(this.chat + path)
			.send(ByteBufFlux.fromString(Mono.just(body)))
			.responseSingle((response, content) -> content.asString().map(text -> {
				if (response.status().code() >= 300) {
					throw new IllegalStateException(path + " answered " + response.status() + ": " + text);
				}
				return text;
			}));
	}

	private static String member(String tag, int room, int index) {
		return "b" + tag + "-" + room + "-" + index;
	}

	private static String field(String json, String name) {
		int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
		return json.substring(at, json.indexOf('"', at));
	}

	private static double secondsSince(long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	/** Resident set size of a process in KiB (Linux), or 0. */
	private static long rss(String pid) {
		if (pid == null) {
			return 0;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (Exception ex) {
			// not on Linux or no such process
		}
		return 0;
	}

	/** One member's WebSocket. Frames are read with plain string operations (the encoding is chat's own). */
	private final class Client {

		final String member;

		final String room;

		final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();

		CompletableFuture<Void> subscribed = new CompletableFuture<>();

		Disposable connection;

		Client(String member, String room) {
			this.member = member;
			this.room = room;
		}

		Mono<Void> connect() {
			if (this.subscribed.isCompletedExceptionally()) {
				this.subscribed = new CompletableFuture<>();
			}
			return post("/api/chat/tickets", this.member, "{}").map(json -> field(json, "ticket"))
				.flatMap(ticket -> {
					// Netty's handshaker would send its own Origin (the chat host), which chat refuses:
					// send the public origin a browser on the gateway sends
					this.connection = ChatBench.this.sockets
						.headers(h -> h.set("Origin", ChatBench.this.flags.getOrDefault("origin", "http://localhost:8080")))
						.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(65536).build())
						.uri(ChatBench.this.chat.replace("http", "ws") + "/ws/chat?ticket=" + ticket)
						.handle((in, outbound) -> {
							in.receiveCloseStatus().subscribe(status -> closed());
							in.receive().asString().subscribe(this::frame, ex -> closed());
							this.out.tryEmitNext("{\"type\":\"subscribe\",\"roomId\":\"" + this.room + "\"}");
							return outbound.sendString(this.out.asFlux());
						})
						.subscribe(null, ex -> {
							this.subscribed.completeExceptionally(ex);
							closed();
						});
					return Mono.fromFuture(this.subscribed);
				});
		}

		void send(String frame) {
			this.out.tryEmitNext(frame);
		}

		private void frame(String frame) {
			if (frame.startsWith("{\"type\":\"message\"")) {
				int at = frame.indexOf("\"body\":\"t") + 9;
				int c1 = frame.indexOf(':', at);
				int c2 = frame.indexOf(':', c1 + 1);
				long sentAt = Long.parseLong(frame, at, c1, 10);
				int index = Integer.parseInt(frame, c1 + 1, c2, 10);
				boolean record = frame.charAt(c2 + 1) == '1';
				ChatBench.this.delivered.incrementAndGet(index);
				if (record) {
					ChatBench.this.latency.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
					ChatBench.this.deliveries.incrementAndGet();
				}
			}
			else if (frame.startsWith("{\"type\":\"ack\"")) {
				ChatBench.this.acks.incrementAndGet();
			}
			else if (frame.startsWith("{\"type\":\"error\"")) {
				ChatBench.this.errors.incrementAndGet();
				if (ChatBench.this.errors.get() < 5) {
					System.err.println("error frame: " + frame);
				}
			}
			else if (!this.subscribed.isDone() && frame.startsWith("{\"type\":\"presence\"")
					&& frame.contains("\"memberId\":\"" + this.member + "\"")) {
				this.subscribed.complete(null);
			}
		}

		private void closed() {
			if (!this.subscribed.isDone()) {
				this.subscribed.completeExceptionally(new IllegalStateException(this.member + ": closed before subscribing"));
				return;
			}
			if (!ChatBench.this.closing) {
				ChatBench.this.unexpectedCloses.incrementAndGet();
			}
		}

		void close() {
			this.out.tryEmitComplete();
			if (this.connection != null) {
				this.connection.dispose();
			}
		}

	}

}
