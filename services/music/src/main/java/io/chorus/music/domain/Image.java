package io.chorus.music.domain;

import java.time.Instant;

/** An uploaded image (avatar or cover) with its generated thumbnail. */
public record Image(String id, String ownerId, String contentType, int width, int height, long byteSize,
		Instant createdAt) {

	public String etag(boolean thumbnail) {
		return "\"" + this.id + (thumbnail ? "-thumb" : "-full") + "\"";
	}

}
