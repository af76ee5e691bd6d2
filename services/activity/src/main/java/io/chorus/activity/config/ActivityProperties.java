package io.chorus.activity.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chorus.activity.*}.
 * @param group the Kafka consumer group reading all three topics (also names the dead-letter
 * topics {@code <topic>.<group>.dlq} and the dedupe keys)
 * @param memberTopic topic of member events
 * @param contentTopic topic of content events
 * @param musicTopic topic of music events
 * @param chatTopic topic of chat's offline-recipient events
 * @param maxFollowees how many of a member's most recent follows the following feed reads
 * (bounds the work of one request)
 * @param rewindTimeout how long a rewind waits for the stopped consumer to leave its group
 */
@ConfigurationProperties("chorus.activity")
public record ActivityProperties(@DefaultValue("activity") String group,
		@DefaultValue("member.events") String memberTopic, @DefaultValue("content.events") String contentTopic,
		@DefaultValue("music.events") String musicTopic, @DefaultValue("chat.messages") String chatTopic,
		@DefaultValue("1000") int maxFollowees,
		@DefaultValue("30s") Duration rewindTimeout) {

	public ActivityProperties {
		if (maxFollowees < 1 || maxFollowees > 10_000) {
			throw new IllegalArgumentException("chorus.activity.max-followees must be from 1 to 10000");
		}
	}

	public List<String> topics() {
		return List.of(this.memberTopic, this.contentTopic, this.musicTopic, this.chatTopic);
	}

}
