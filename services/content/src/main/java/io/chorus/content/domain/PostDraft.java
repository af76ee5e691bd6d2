package io.chorus.content.domain;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A validated post body (create, or full replacement on edit). */
public record PostDraft(String text, @Nullable String trackId, List<String> imageIds) {

	public PostDraft {
		imageIds = List.copyOf(imageIds);
	}

}
