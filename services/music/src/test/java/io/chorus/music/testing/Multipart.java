package io.chorus.music.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multipart/form-data body built by hand: Spring's writer draws its boundary from
 * SecureRandom, which may block (BlockHound) on a WebTestClient thread.
 */
public final class Multipart {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final String boundary = "chorus-test-boundary-" + SEQUENCE.incrementAndGet();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	public Multipart field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	public Multipart file(String name, String filename, String contentType, byte[] content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
		this.out.writeBytes(content);
		write("\r\n");
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	public byte[] body() {
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		copy.writeBytes(this.out.toByteArray());
		copy.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return copy.toByteArray();
	}

	private void write(String text) {
		this.out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
