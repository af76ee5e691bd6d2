package io.chorus.timeline.domain;

import java.util.Optional;

/**
 * Where an item sits in a ranking ({@code score desc, id desc}): the cursor of the popular and
 * most-commented lists.
 */
public record RankPosition(long score, String id) {

	public String encode() {
		return Position.Cursors.encode("r" + this.score + "|" + this.id);
	}

	public static Optional<RankPosition> decode(String text) {
		return Position.Cursors.decode(text).flatMap((raw) -> {
			int bar = raw.indexOf('|');
			if (bar <= 1 || raw.charAt(0) != 'r') {
				return Optional.empty();
			}
			try {
				long score = Long.parseLong(raw.substring(1, bar));
				String id = raw.substring(bar + 1);
				return Ids.valid(id) ? Optional.of(new RankPosition(score, id)) : Optional.empty();
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

}
