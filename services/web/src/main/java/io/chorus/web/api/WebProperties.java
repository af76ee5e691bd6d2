package io.chorus.web.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param location resource location of the built bundle (must end with a slash) */
@ConfigurationProperties("chorus.web")
public record WebProperties(@DefaultValue("classpath:/web/") String location) {
}
