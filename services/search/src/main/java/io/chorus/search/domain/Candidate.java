package io.chorus.search.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One indexed document as read back for ranking.
 *
 * @param id the entity id
 * @param createdAt recency key (when the post, artist or track was created)
 * @param tf how often each normalised word occurs in the indexed text
 * @param length number of words in the indexed text
 * @param normalized the indexed text, normalised, words joined by single spaces
 * @param label the display name autocomplete ranks on (artist name, track title; the text for posts)
 * @param item what the API returns for this document
 */
public record Candidate(String id, Instant createdAt, Map<String, Integer> tf, int length, String normalized,
		String label, Object item) {
}
