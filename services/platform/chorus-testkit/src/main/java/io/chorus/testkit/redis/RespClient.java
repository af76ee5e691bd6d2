package io.chorus.testkit.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal blocking RESP2 client for probing and test assertions (no driver needed). Replies
 * map to String (simple and bulk strings), Long, List, or null; error replies throw.
 */
public final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and authenticates when the endpoint has a password. */
    public static RespClient connect(RedisEndpoint endpoint, int timeoutMillis) {
        try {
            var socket = new Socket();
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMillis);
            socket.setSoTimeout(Math.max(timeoutMillis, 5_000));
            var client = new RespClient(socket);
            if (endpoint.password() != null) {
                if (endpoint.username() != null) {
                    client.call("AUTH", endpoint.username(), endpoint.password());
                } else {
                    client.call("AUTH", endpoint.password());
                }
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to Redis at " + endpoint.host() + ":" + endpoint.port(), e);
        }
    }

    /** True when the endpoint answers PONG (after AUTH, if any). */
    public static boolean answersPing(RedisEndpoint endpoint, int timeoutMillis) {
        try (RespClient client = connect(endpoint, timeoutMillis)) {
            return "PONG".equals(client.call("PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public @Nullable Object call(String... args) {
        try {
            var request = new StringBuilder().append('*').append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private @Nullable Object read() throws IOException {
        int type = in.read();
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException("Redis error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(length + 2);
                yield new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<@Nullable Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("Unexpected RESP reply type " + type);
        };
    }

    private String readLine() throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Connection closed by Redis");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a probe connection
        }
    }
}
