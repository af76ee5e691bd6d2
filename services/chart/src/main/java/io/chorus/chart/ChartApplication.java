package io.chorus.chart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Play charts (daily, ISO-weekly, monthly) built from {@code music.events}, read from Redis. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChartApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChartApplication.class, args);
	}

}
