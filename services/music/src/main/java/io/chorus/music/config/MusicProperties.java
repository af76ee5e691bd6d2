package io.chorus.music.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code chorus.music.*}.
 *
 * @param mediaDir where audio files and images live (generated names only); created at start-up
 * @param maxTrackBytes an audio upload larger than this is refused with 413 while it streams
 * @param maxImageBytes the same for images (covers, avatars)
 * @param maxImagePixels images whose header declares more pixels are refused before decoding
 * @param thumbnailSize the longer side of generated thumbnails, in pixels
 * @param playWindow a member's play of one track counts at most once per window
 * @param countAfter a play counts after this much listening (or half the track, if shorter)
 * @param recentCap entries kept in a member's recently played list
 * @param recentTtl a recently played list is dropped after this much inactivity
 * @param memberQuota audio bytes one member may store; an upload past it is refused with 413
 * @param minFreeSpace uploads never fill the media volume beyond this reserve (507 instead)
 * @param probeTimeout longest time reading an upload's duration and tags may take (415 past it)
 */
@ConfigurationProperties("chorus.music")
public record MusicProperties(Path mediaDir, @DefaultValue("100MB") DataSize maxTrackBytes,
		@DefaultValue("10MB") DataSize maxImageBytes, @DefaultValue("40000000") long maxImagePixels,
		@DefaultValue("256") int thumbnailSize, @DefaultValue("10m") Duration playWindow,
		@DefaultValue("30s") Duration countAfter, @DefaultValue("50") int recentCap,
		@DefaultValue("90d") Duration recentTtl, @DefaultValue("2GB") DataSize memberQuota,
		@DefaultValue("1GB") DataSize minFreeSpace, @DefaultValue("10s") Duration probeTimeout) {
}
