package io.chorus.timeline.store;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * A member as posts and comments show them, with the member read model's revision: a copy on a
 * post is only replaced by one of a higher revision.
 */
public record AuthorSummary(String id, String handle, String displayName, @Nullable String avatarUrl, long rev) {

	Document toDocument() {
		return new Document("handle", this.handle).append("displayName", this.displayName)
			.append("avatarUrl", this.avatarUrl);
	}

	static @Nullable AuthorSummary of(String id, @Nullable Document author) {
		if (author == null || author.getString("handle") == null) {
			return null;
		}
		return new AuthorSummary(id, author.getString("handle"), author.getString("displayName"),
				author.getString("avatarUrl"), 0);
	}

}
