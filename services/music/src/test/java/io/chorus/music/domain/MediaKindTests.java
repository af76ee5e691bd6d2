package io.chorus.music.domain;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaKindTests {

	private static byte[] bytes(int... values) {
		byte[] b = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			b[i] = (byte) values[i];
		}
		return b;
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Test
	void recognisesEachKindByItsFirstBytes() {
		assertThat(MediaKind.sniff(ascii("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"))).contains(MediaKind.MP3);
		assertThat(MediaKind.sniff(bytes(0xFF, 0xFB, 0x90, 0x64))).contains(MediaKind.MP3);
		assertThat(MediaKind.sniff(ascii("fLaC\u0000\u0000\u0000\u0010"))).contains(MediaKind.FLAC);
		assertThat(MediaKind.sniff(ascii("OggS\u0000\u0002"))).contains(MediaKind.OGG);
		assertThat(MediaKind.sniff(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt "))).contains(MediaKind.WAV);
		assertThat(MediaKind.sniff(ascii("\u0000\u0000\u0000\u0020ftypM4A "))).contains(MediaKind.M4A);
		assertThat(MediaKind.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).contains(MediaKind.PNG);
		assertThat(MediaKind.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(MediaKind.JPEG);
	}

	@Test
	void rejectsLookAlikes() {
		assertThat(MediaKind.sniff(ascii("this is text"))).isEmpty();
		assertThat(MediaKind.sniff(ascii("RIFF\u0024\u0000\u0000\u0000AVI LIST"))).isEmpty();
		// frame sync with the reserved MPEG version / layer
		assertThat(MediaKind.sniff(bytes(0xFF, 0xE8))).isEmpty();
		assertThat(MediaKind.sniff(bytes(0xFF, 0xF9))).isEmpty();
		assertThat(MediaKind.sniff(new byte[0])).isEmpty();
		assertThat(MediaKind.sniff(ascii("Og"))).isEmpty();
	}

}
