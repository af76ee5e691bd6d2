package io.chorus.chat.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain blocking socket (test thread only) with a tiny receive buffer, so a
 * test can stop reading and let the server's queue for it fill up — a slow consumer — and later read
 * on to see how the server closed it.
 */
public final class RawSocketClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private int textFrames;

	public RawSocketClient(int port, String ticket) throws IOException {
		this.socket = new Socket();
		this.socket.setReceiveBufferSize(4096);
		this.socket.setSoTimeout(30_000);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port));
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
		this.out.write(("GET /ws/chat?ticket=" + ticket + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			head.write(this.in.readUnsignedByte());
		}
		if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
			throw new IOException("upgrade refused: " + head);
		}
	}

	public void sendText(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		if (payload.length > 125) {
			throw new IllegalArgumentException("short frames only");
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		frame.write(0x80 | payload.length);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/** Reads frames until a text frame contains {@code needle}; returns it. */
	public String readUntil(String needle) throws IOException {
		while (true) {
			Frame frame = next();
			if (frame.opcode == 8) {
				throw new IOException("closed while waiting for " + needle);
			}
			String text = new String(frame.payload, StandardCharsets.UTF_8);
			if (frame.opcode == 1 && text.contains(needle)) {
				return text;
			}
		}
	}

	/** Reads on until the server's close frame; returns its status code (-1 if the socket ended without one). */
	public int readUntilClose() throws IOException {
		while (true) {
			Frame frame;
			try {
				frame = next();
			}
			catch (java.io.EOFException ex) {
				return -1;
			}
			if (frame.opcode == 8) {
				return (frame.payload.length >= 2) ? ((frame.payload[0] & 0xff) << 8) | (frame.payload[1] & 0xff) : -1;
			}
		}
	}

	public int textFrames() {
		return this.textFrames;
	}

	private Frame next() throws IOException {
		int b0 = this.in.readUnsignedByte();
		int b1 = this.in.readUnsignedByte();
		long length = b1 & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		int opcode = b0 & 0x0f;
		if (opcode == 1) {
			this.textFrames++;
		}
		return new Frame(opcode, payload);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private record Frame(int opcode, byte[] payload) {
	}

}
