package io.chorus.chat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on plain threads (test code, outside any event loop). {@link #cut()} drops every
 * connection and refuses new ones: to the application behind it, the far side has vanished — how a
 * test makes one instance lose Redis the way a killed pod would.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	public TcpProxy(String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.cut) {
				try {
					Socket client = this.server.accept();
					Socket target = new Socket(targetHost, targetPort);
					this.sockets.add(client);
					this.sockets.add(target);
					pump(client, target);
					pump(target, client);
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	private static void pump(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// connection cut
			}
			finally {
				try {
					to.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
		}, "tcp-proxy-pump");
		t.setDaemon(true);
		t.start();
	}

	public void cut() {
		this.cut = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing
		}
		for (Socket s : this.sockets) {
			try {
				s.close();
			}
			catch (IOException ex) {
				// closing
			}
		}
	}

	@Override
	public void close() {
		cut();
	}

}
