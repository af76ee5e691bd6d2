package io.chorus.content;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Posts, comments, replies and likes: the write model; every change goes out on the outbox. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContentApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContentApplication.class, args);
	}

}
