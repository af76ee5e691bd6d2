package io.chorus.platform.web;

import io.chorus.platform.observability.TraceIds;
import io.micrometer.tracing.Tracer;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;

/**
 * problem+json error handling and request validation for every reactive Chorus service. Runs
 * before Boot's error auto-configuration so Boot's own handler backs off.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class,
		after = { JacksonAutoConfiguration.class, ValidationAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ChorusWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceIds traceIds(ObjectProvider<Tracer> tracer) {
		return new TraceIds(tracer.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
	ProblemWebExceptionHandler problemWebExceptionHandler(ObjectProvider<JsonMapper> jsonMapper, TraceIds traceIds) {
		return new ProblemWebExceptionHandler(jsonMapper.getIfAvailable(JsonMapper::new), traceIds);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Validator.class)
	RequestValidator requestValidator(Validator validator) {
		return new RequestValidator(validator);
	}

}
