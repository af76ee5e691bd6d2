package io.chorus.content.domain;

import org.jspecify.annotations.Nullable;

/** A validated new comment; {@code parentId} makes it a reply. */
public record CommentDraft(String text, @Nullable String parentId) {
}
