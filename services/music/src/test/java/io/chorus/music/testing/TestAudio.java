package io.chorus.music.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Audio made by code, so no binary sits in the repository. */
public final class TestAudio {

	private TestAudio() {
	}

	/**
	 * A valid PCM WAV: 8 kHz, mono, 8 bit (8000 bytes per second), a tone whose samples make every
	 * byte position distinguishable in range tests.
	 */
	public static byte[] wav(int millis) {
		int rate = 8000;
		int samples = rate * millis / 1000;
		ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
		b.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes());
		b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate)
			.putShort((short) 1).putShort((short) 8);
		b.put("data".getBytes()).putInt(samples);
		for (int i = 0; i < samples; i++) {
			b.put((byte) (128 + 100 * Math.sin(i * 2 * Math.PI * 440 / rate) + (i % 7)));
		}
		return b.array();
	}

	/** A small valid PNG of the given size. */
	public static byte[] png(int width, int height) {
		try {
			java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
					java.awt.image.BufferedImage.TYPE_INT_RGB);
			for (int x = 0; x < width; x++) {
				for (int y = 0; y < height; y++) {
					image.setRGB(x, y, (x * 7 + y * 13) & 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
