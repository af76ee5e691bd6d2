package io.chorus.music.config;

import java.time.Clock;

import io.chorus.music.domain.Artists;
import io.chorus.music.domain.Images;
import io.chorus.music.domain.Lyrics;
import io.chorus.music.domain.Playlists;
import io.chorus.music.domain.Plays;
import io.chorus.music.domain.Tracks;
import io.chorus.music.events.MusicEvents;
import io.chorus.music.store.ArtistStore;
import io.chorus.music.store.ImageStore;
import io.chorus.music.store.LyricsStore;
import io.chorus.music.store.MediaFiles;
import io.chorus.music.store.PlayStore;
import io.chorus.music.store.PlayWindows;
import io.chorus.music.store.PlaylistStore;
import io.chorus.music.store.RecentTracks;
import io.chorus.music.store.TrackStore;
import io.chorus.platform.events.EventIds;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires the music domain. */
@Configuration(proxyBeanMethods = false)
class MusicConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	/** Created (with its directories) at start-up, on the main thread. */
	@Bean
	MediaFiles mediaFiles(MusicProperties properties) {
		MediaFiles files = new MediaFiles(properties.mediaDir(), properties.minFreeSpace().toBytes());
		files.createDirectories();
		return files;
	}

	@Bean
	PlayWindows playWindows(ReactiveStringRedisTemplate redis, MusicProperties properties,
			@Value("${chorus.redis.key-prefix:}") String keyPrefix) {
		return new PlayWindows(redis, keyPrefix, properties.playWindow());
	}

	@Bean
	RecentTracks recentTracks(ReactiveStringRedisTemplate redis, MusicProperties properties,
			@Value("${chorus.redis.key-prefix:}") String keyPrefix) {
		return new RecentTracks(redis, keyPrefix, properties.recentCap(), properties.recentTtl());
	}

	@Bean
	Images images(ImageStore store, MediaFiles files, EventIds ids, Clock clock, MusicProperties properties) {
		return new Images(store, files, ids, clock, properties.thumbnailSize(), properties.maxImagePixels());
	}

	@Bean
	Artists artists(ArtistStore artists, TrackStore tracks, ImageStore images, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock) {
		return new Artists(artists, tracks, images, events, tx, ids, clock);
	}

	@Bean
	Tracks tracks(TrackStore tracks, ArtistStore artists, Images images, MediaFiles files, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock, MusicProperties properties) {
		return new Tracks(tracks, artists, images, files, events, tx, ids, clock,
				new Tracks.Limits(properties.memberQuota().toBytes(), properties.probeTimeout()));
	}

	@Bean
	Plays plays(TrackStore tracks, PlayStore plays, PlayWindows windows, RecentTracks recent, MusicEvents events,
			TransactionalOperator tx, EventIds ids, Clock clock, MusicProperties properties) {
		return new Plays(tracks, plays, windows, recent, events, tx, ids, clock, properties.countAfter());
	}

	@Bean
	Playlists playlists(PlaylistStore playlists, TrackStore tracks, TransactionalOperator tx, EventIds ids,
			Clock clock) {
		return new Playlists(playlists, tracks, tx, ids, clock);
	}

	@Bean
	Lyrics lyrics(LyricsStore lyrics, TrackStore tracks, TransactionalOperator tx) {
		return new Lyrics(lyrics, tracks, tx);
	}

}
