package io.chorus.music;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Artists, tracks and their files, images, timed lyrics, playlists, plays and recently played. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MusicApplication {

	public static void main(String[] args) {
		SpringApplication.run(MusicApplication.class, args);
	}

}
