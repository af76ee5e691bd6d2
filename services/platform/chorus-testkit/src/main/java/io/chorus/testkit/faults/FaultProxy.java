package io.chorus.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of one server, for outage tests. A test cannot stop a server
 * that other test classes share, but it can break the path to it:
 *
 * <ul>
 * <li>{@link #down()}: every open connection is reset and new ones are refused, as when the
 * server process has stopped;</li>
 * <li>{@link #hang()}: connections stay open and new ones are accepted, but no byte gets through
 * in either direction, as in a network partition (the case only timeouts end);</li>
 * <li>{@link #up()}: traffic flows again (clients reconnect, nothing is replayed).</li>
 * </ul>
 *
 * <p>Runs on its own plain threads (never an event loop), so BlockHound leaves it alone.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with traffic. */
    public enum Mode {
        UP, DOWN, HANG
    }

    private final String targetHost;

    private final int targetPort;

    private final ServerSocket server;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private volatile Mode mode = Mode.UP;

    private volatile boolean closed;

    public FaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port clients connect to instead of the server's. */
    public int port() {
        return this.server.getLocalPort();
    }

    public String host() {
        return "127.0.0.1";
    }

    public Mode mode() {
        return this.mode;
    }

    /** Resets every open connection and refuses new ones until {@link #up()}. */
    public void down() {
        this.mode = Mode.DOWN;
        resetAll();
    }

    /** Keeps connections open but lets nothing through (a partition) until {@link #up()}. */
    public void hang() {
        this.mode = Mode.HANG;
    }

    /**
     * Lets traffic through again. Connections that were hung are reset: bytes they swallowed are
     * lost, so the conversation on them is broken for good (as after a real partition).
     */
    public void up() {
        if (this.mode == Mode.HANG) {
            resetAll();
        }
        this.mode = Mode.UP;
    }

    @Override
    public void close() {
        this.closed = true;
        resetAll();
        try {
            this.server.close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }

    private void accept() {
        while (!this.closed) {
            Socket client;
            try {
                client = this.server.accept();
            }
            catch (IOException ex) {
                return; // closed
            }
            if (this.mode == Mode.DOWN) {
                reset(client);
                continue;
            }
            this.sockets.add(client);
            Thread connector = new Thread(() -> connect(client), "fault-proxy-" + port() + "-connect");
            connector.setDaemon(true);
            connector.start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        this.sockets.add(upstream);
        try {
            // a hung proxy also leaves a new connection without an answer; this runs on the proxy's
            // own connector thread (plain blocking sockets, test-only), never on an event loop
            while (this.mode == Mode.HANG && !client.isClosed()) {
                Thread.sleep(20);
            }
            upstream.connect(new InetSocketAddress(this.targetHost, this.targetPort), 5000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        }
        catch (IOException | InterruptedException ex) {
            reset(client);
            reset(upstream);
            return;
        }
        pipe(client, upstream, "up");
        pipe(upstream, client, "down");
    }

    private void pipe(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (this.mode == Mode.HANG) {
                        continue; // swallowed: the partition drops it
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException ex) {
                // a reset on either side ends both
            }
            finally {
                reset(from);
                if (this.mode != Mode.HANG) {
                    reset(to);
                }
                // else: in a partition the other side never learns of the close (it stays open
                // until up() or down())
            }
        }, "fault-proxy-" + port() + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private void resetAll() {
        for (Socket socket : this.sockets) {
            reset(socket);
        }
    }

    private void reset(Socket socket) {
        this.sockets.remove(socket);
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0); // RST, as a dead server's kernel would answer
            }
        }
        catch (SocketException ex) {
            // not connected: closing is enough
        }
        try {
            socket.close();
        }
        catch (IOException ex) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[:" + port() + " -> " + this.targetHost + ":" + this.targetPort + ", " + this.mode + "]";
    }

}
