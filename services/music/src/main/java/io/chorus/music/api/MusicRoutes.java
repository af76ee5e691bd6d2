package io.chorus.music.api;

import io.chorus.music.config.MusicProperties;
import io.chorus.music.domain.Artists;
import io.chorus.music.domain.Images;
import io.chorus.music.domain.Lyrics;
import io.chorus.music.domain.Playlists;
import io.chorus.music.domain.Plays;
import io.chorus.music.domain.Tracks;
import io.chorus.music.store.MediaFiles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Every route of the service, as the gateway forwards them. Writes need a passport (401
 * without); reads are public.
 */
@Configuration(proxyBeanMethods = false)
class MusicRoutes {

	@Bean
	RouterFunction<ServerResponse> musicRouter(Artists artists, Tracks tracks, Images images, Lyrics lyrics,
			Playlists playlists, Plays plays, MediaFiles media, MusicProperties properties) {
		long maxTrack = properties.maxTrackBytes().toBytes();
		long maxImage = properties.maxImageBytes().toBytes();
		ArtistHandler artist = new ArtistHandler(artists);
		TrackHandler track = new TrackHandler(tracks, media, maxTrack, maxImage);
		MediaHandler mediaHandler = new MediaHandler(tracks, images, media, maxImage);
		LyricsHandler lyric = new LyricsHandler(lyrics, tracks);
		PlaylistHandler playlist = new PlaylistHandler(playlists);
		PlayHandler play = new PlayHandler(plays);
		return route(POST("/api/artists"), artist::create)
			.andRoute(GET("/api/artists"), artist::list)
			.andRoute(GET("/api/artists/{id}"), artist::get)
			.andRoute(GET("/api/artists/{id}/tracks"), artist::tracks)
			.andRoute(PATCH("/api/artists/{id}"), artist::update)
			.andRoute(DELETE("/api/artists/{id}"), artist::delete)
			.andRoute(POST("/api/tracks"), track::upload)
			.andRoute(GET("/api/tracks/{id}"), track::get)
			.andRoute(PATCH("/api/tracks/{id}"), track::update)
			.andRoute(DELETE("/api/tracks/{id}"), track::delete)
			.andRoute(GET("/api/tracks/{id}/stream"), mediaHandler::stream)
			.andRoute(GET("/api/tracks/{id}/cover"), mediaHandler::cover)
			.andRoute(GET("/api/tracks/{id}/lyrics"), lyric::get)
			.andRoute(PUT("/api/tracks/{id}/lyrics"), lyric::put)
			.andRoute(POST("/api/tracks/{id}/plays"), play::report)
			.andRoute(POST("/api/images"), mediaHandler::uploadImage)
			.andRoute(GET("/api/images/{id}"), mediaHandler::image)
			.andRoute(POST("/api/playlists"), playlist::create)
			.andRoute(GET("/api/playlists/{id}"), playlist::get)
			.andRoute(POST("/api/playlists/{id}/tracks"), playlist::add)
			.andRoute(POST("/api/playlists/{id}/tracks:move"), playlist::move)
			.andRoute(DELETE("/api/playlists/{id}/tracks/{position}"), playlist::remove)
			.andRoute(GET("/api/me/recent-tracks"), play::recent);
	}

}
