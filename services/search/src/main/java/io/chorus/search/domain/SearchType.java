package io.chorus.search.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a search runs over; each kind has a collection of its own. */
public enum SearchType {

	POSTS("posts", false), ARTISTS("artists", true), TRACKS("tracks", true);

	private final String value;

	private final boolean autocomplete;

	SearchType(String value, boolean autocomplete) {
		this.value = value;
		this.autocomplete = autocomplete;
	}

	/** The query parameter value, also the collection name. */
	public String value() {
		return this.value;
	}

	/** Whether names of this kind are indexed by prefix. */
	public boolean autocomplete() {
		return this.autocomplete;
	}

	public static Optional<SearchType> of(String value) {
		return Arrays.stream(values()).filter((type) -> type.value.equals(value)).findFirst();
	}

}
