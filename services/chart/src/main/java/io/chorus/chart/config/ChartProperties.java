package io.chorus.chart.config;

import java.time.Duration;

import java.time.Clock;

import io.chorus.chart.domain.ChartRules;
import io.chorus.chart.domain.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.chart.*}.
 *
 * @param topic the music events topic consumed
 * @param group consumer group (also names the dead-letter topic {@code <topic>.<group>.dlq})
 * @param live how long live period keys are kept after their period ends
 * @param snapshot closed-period snapshots
 * @param playMarkerTtl how long a counted play's event id is remembered by the counting script;
 * raised at start-up to {@code chorus.consumer.dedupe-ttl} when that is longer. Keep it at least
 * the topic's retention.
 * @param coverPath path of a track's cover; {@code {trackId}} is replaced
 * @param renderInterval changed chart pages are rendered at most this often (the staleness bound
 * of a live chart, after the play was consumed)
 */
@ConfigurationProperties("chorus.chart")
public record ChartProperties(@DefaultValue("music.events") String topic, @DefaultValue("chart") String group,
		@DefaultValue Live live, @DefaultValue Snapshot snapshot, @DefaultValue("8d") Duration playMarkerTtl,
		@DefaultValue("/api/tracks/{trackId}/cover") String coverPath,
		@DefaultValue("250ms") Duration renderInterval) {

	/** The time rules these settings describe, on {@code clock}. */
	public ChartRules rules(Clock clock) {
		return new ChartRules(clock, this.live::retention, this.snapshot.settle());
	}

	/**
	 * @param daily kept this long after the day ends (so the next day's deltas and late reads
	 * still find it; snapshots take over after)
	 * @param weekly kept this long after the week ends
	 * @param monthly kept this long after the month ends
	 */
	public record Live(@DefaultValue("8d") Duration daily, @DefaultValue("35d") Duration weekly,
			@DefaultValue("395d") Duration monthly) {

		public Duration retention(Period period) {
			return switch (period) {
				case DAILY -> this.daily;
				case WEEKLY -> this.weekly;
				case MONTHLY -> this.monthly;
			};
		}

	}

	/**
	 * @param size how many ranks a snapshot keeps (at least the largest page, 100, so deltas of a
	 * full page are known)
	 * @param settle a period is final (snapshotted, answered from the snapshot) this long after it
	 * ends, so plays still in flight are counted
	 * @param interval how often each replica snapshots closed periods whose live key still exists
	 */
	public record Snapshot(@DefaultValue("200") int size, @DefaultValue("10m") Duration settle,
			@DefaultValue("5m") Duration interval) {

		public Snapshot {
			if (size < 100) {
				throw new IllegalArgumentException("chorus.chart.snapshot.size must be at least 100");
			}
		}

	}

}
