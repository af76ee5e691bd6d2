package io.chorus.chart.store;

import io.chorus.chart.domain.Period;

/**
 * Every Redis key of the service, under {@code chorus.redis.key-prefix}.
 *
 * <ul>
 * <li>{@code chart:daily:{yyyy-MM-dd}}, {@code chart:weekly:{YYYY}-W{ww}}, {@code chart:monthly:{yyyy-MM}}:
 * live ZSETs (member = track id, score = plays), with expiry;</li>
 * <li>{@code chart:snapshot:{period}:{id}}: the final top N of a closed period, no expiry;</li>
 * <li>{@code chart:track:{trackId}}: hash {@code title, artistId, artistName, coverImageId, ts}
 * (or the tombstone {@code deleted, ts});</li>
 * <li>{@code chart:artist:{artistId}}: hash {@code name, ts} ({@code deleted});</li>
 * <li>{@code chart:artist-tracks:{artistId}}: set of the artist's track ids (for renames);</li>
 * <li>{@code chart:played:{eventId}}: a counted play, written by the counting script itself.</li>
 * </ul>
 */
public final class ChartKeys {

	private final String prefix;

	public ChartKeys(String prefix) {
		this.prefix = prefix;
	}

	public String live(Period.Window window) {
		return this.prefix + "chart:" + window.period().slug() + ":" + window.id();
	}

	public String snapshot(Period.Window window) {
		return this.prefix + "chart:snapshot:" + window.period().slug() + ":" + window.id();
	}

	/** The rendered page of a period (a list: meta, JSON prefix, JSON suffix, then one element per item). */
	public String page(Period.Window window) {
		return this.prefix + "chart:page:" + window.period().slug() + ":" + window.id();
	}

	public String track(String trackId) {
		return trackPrefix() + trackId;
	}

	public String trackPrefix() {
		return this.prefix + "chart:track:";
	}

	public String artist(String artistId) {
		return this.prefix + "chart:artist:" + artistId;
	}

	public String artistTracks(String artistId) {
		return artistTracksPrefix() + artistId;
	}

	public String artistTracksPrefix() {
		return this.prefix + "chart:artist-tracks:";
	}

	public String played(String eventId) {
		return this.prefix + "chart:played:" + eventId;
	}

}
