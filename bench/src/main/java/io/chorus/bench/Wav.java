package io.chorus.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Generated PCM WAV files, so the bench uploads real audio without committing binaries. */
final class Wav {

	private Wav() {
	}

	/** A 16-bit mono sine tone of {@code seconds} at {@code sampleRate}. */
	static byte[] tone(double seconds, int sampleRate, double hertz) {
		int samples = (int) (seconds * sampleRate);
		int dataBytes = samples * 2;
		ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
		wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
			.putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
		wav.put("data".getBytes()).putInt(dataBytes);
		for (int i = 0; i < samples; i++) {
			wav.putShort((short) (Math.sin(2 * Math.PI * hertz * i / sampleRate) * 8000));
		}
		return wav.array();
	}

}
