package io.chorus.platform.client;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.chorus.platform.web.Causes;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * Turns every failed call into a {@link DownstreamProblemException}: error statuses (with the
 * downstream problem body), timeouts and connection failures — also those hitting while the
 * caller reads a successful response's body.
 */
final class DownstreamErrors implements ExchangeFilterFunction {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper jsonMapper;

	DownstreamErrors(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String service = String.valueOf(request.url().getHost());
		return next.exchange(request)
			.onErrorMap((ex) -> translate(service, ex))
			.flatMap((response) -> response.statusCode().isError() ? problem(service, response)
					: Mono.just(response.mutate().body((body) -> body.onErrorMap((ex) -> translate(service, ex))).build()));
	}

	private Mono<ClientResponse> problem(String service, ClientResponse response) {
		boolean json = response.headers().contentType().map(DownstreamErrors::isJson).orElse(false);
		return response.bodyToMono(String.class)
			.map((body) -> json ? parse(body) : Map.<String, Object>of())
			.onErrorReturn(Map.of())
			.defaultIfEmpty(Map.of())
			.flatMap((problem) -> Mono.error(DownstreamProblemException.answered(service, response.statusCode(), problem)));
	}

	private Map<String, Object> parse(String body) {
		try {
			Map<String, Object> problem = this.jsonMapper.readValue(body, MAP);
			return (problem != null) ? problem : Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private static boolean isJson(MediaType type) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
	}

	static Throwable translate(String service, Throwable ex) {
		if (ex instanceof DownstreamProblemException) {
			return ex;
		}
		if (Causes.find(ex, ConnectTimeoutException.class) != null || Causes.find(ex, ReadTimeoutException.class) != null
				|| Causes.find(ex, TimeoutException.class) != null) {
			return DownstreamProblemException.timedOut(service, ex);
		}
		if (Causes.find(ex, ConnectException.class) != null) {
			return DownstreamProblemException.unreachable(service, ex);
		}
		if (ex instanceof WebClientException || Causes.find(ex, IOException.class) != null) {
			return DownstreamProblemException.broken(service, ex);
		}
		return ex;
	}

}
