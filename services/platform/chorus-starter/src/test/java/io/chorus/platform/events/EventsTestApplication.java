package io.chorus.platform.events;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest Boot application: just the auto-configuration a service would get. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EventsTestApplication {

}
