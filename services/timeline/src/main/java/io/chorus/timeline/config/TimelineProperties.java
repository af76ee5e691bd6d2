package io.chorus.timeline.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.timeline.*}.
 *
 * @param contentTopic topic with content's events
 * @param memberTopic topic with member's events
 * @param group consumer group (also names dead-letter topics and dedupe keys)
 * @param fanOutThreshold authors with more followers than this are merged at read time instead of
 * pushed into followers' home feeds
 * @param homeCap entries kept per home feed in Redis (oldest trimmed)
 * @param backfill posts of a new followee pushed into the follower's home feed
 * @param fanOutConcurrency Redis writes in flight during one fan-out
 * @param popularRoll how often expired buckets are subtracted from the window rankings
 */
@ConfigurationProperties("chorus.timeline")
public record TimelineProperties(@DefaultValue("content.events") String contentTopic,
		@DefaultValue("member.events") String memberTopic, @DefaultValue("timeline") String group,
		@DefaultValue("10000") int fanOutThreshold, @DefaultValue("800") int homeCap,
		@DefaultValue("20") int backfill, @DefaultValue("64") int fanOutConcurrency,
		@DefaultValue("30s") Duration popularRoll) {

	public TimelineProperties {
		if (fanOutThreshold < 0 || homeCap < 1 || backfill < 0 || fanOutConcurrency < 1) {
			throw new IllegalArgumentException(
					"chorus.timeline: fan-out-threshold >= 0, home-cap >= 1, backfill >= 0, fan-out-concurrency >= 1");
		}
	}

}
