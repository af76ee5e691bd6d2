package io.chorus.search.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code chorus.search.*}.
 *
 * @param contentTopic topic of post events
 * @param musicTopic topic of artist and track events
 * @param consumerGroup Kafka consumer group (also names the dead-letter topics and dedupe keys)
 * @param candidateLimit most documents a search ranks per lookup (twice this with several words)
 * @param suggestionCandidateLimit most documents an autocomplete ranks
 * @param prefixLength longest word prefix stored for autocomplete; changing it needs a re-index
 * (rewind the consumer group)
 */
@ConfigurationProperties("chorus.search")
@Validated
public record SearchProperties(@DefaultValue("content.events") @NotBlank String contentTopic,
		@DefaultValue("music.events") @NotBlank String musicTopic,
		@DefaultValue("search") @NotBlank String consumerGroup,
		@DefaultValue("500") @Min(10) @Max(5000) int candidateLimit,
		@DefaultValue("200") @Min(10) @Max(2000) int suggestionCandidateLimit,
		@DefaultValue("15") @Min(3) @Max(40) int prefixLength) {
}
