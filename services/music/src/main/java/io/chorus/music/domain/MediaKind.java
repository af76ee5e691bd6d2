package io.chorus.music.domain;

import java.util.Optional;

/**
 * The file types the service accepts, recognised by their first bytes (never by the file name
 * or the declared content type, both of which the client controls).
 */
public enum MediaKind {

	MP3("audio/mpeg", "mp3", true), FLAC("audio/flac", "flac", true), OGG("audio/ogg", "ogg", true),
	WAV("audio/wav", "wav", true), M4A("audio/mp4", "m4a", true), PNG("image/png", "png", false),
	JPEG("image/jpeg", "jpg", false);

	/** Bytes needed to tell every kind apart. */
	public static final int HEAD_BYTES = 12;

	private final String contentType;

	private final String extension;

	private final boolean audio;

	MediaKind(String contentType, String extension, boolean audio) {
		this.contentType = contentType;
		this.extension = extension;
		this.audio = audio;
	}

	public String contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	public boolean isAudio() {
		return this.audio;
	}

	/** The kind whose signature {@code head} starts with (which may be shorter than needed). */
	public static Optional<MediaKind> sniff(byte[] head) {
		if (startsWith(head, 0, "ID3")) {
			return Optional.of(MP3);
		}
		// MPEG audio frame sync: 11 set bits, then a version that is not "reserved" (01) and a
		// layer that is not "reserved" (00).
		if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08
				&& (head[1] & 0x06) != 0) {
			return Optional.of(MP3);
		}
		if (startsWith(head, 0, "fLaC")) {
			return Optional.of(FLAC);
		}
		if (startsWith(head, 0, "OggS")) {
			return Optional.of(OGG);
		}
		if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE")) {
			return Optional.of(WAV);
		}
		if (startsWith(head, 4, "ftyp")) {
			return Optional.of(M4A);
		}
		if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && startsWith(head, 1, "PNG") && head[4] == 0x0D
				&& head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
			return Optional.of(PNG);
		}
		if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] head, int offset, String ascii) {
		if (head.length < offset + ascii.length()) {
			return false;
		}
		for (int i = 0; i < ascii.length(); i++) {
			if (head[offset + i] != (byte) ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
