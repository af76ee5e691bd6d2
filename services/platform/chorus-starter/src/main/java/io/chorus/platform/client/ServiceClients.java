package io.chorus.platform.client;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates WebClients for calls to other Chorus services. Each forwards the current passport
 * (from the Reactor context) and the W3C trace context, applies {@code chorus.client.*}
 * timeouts, and fails with {@link DownstreamProblemException} on error statuses, timeouts and
 * connection failures.
 *
 * <p>Deliberately a factory rather than a customizer of every WebClient: the passport must
 * never leak to a third-party host.
 *
 * <pre>{@code
 * WebClient members = serviceClients.create("http://member:8080");
 * members.get().uri("/members/{id}", id).retrieve().bodyToMono(MemberSummary.class);
 * }</pre>
 */
public final class ServiceClients {

	private final WebClient.Builder template;

	ServiceClients(WebClient.Builder template) {
		this.template = template;
	}

	/** The builder behind every service client: timeouts, error mapping, passport forwarding. */
	static WebClient.Builder template(ClientProperties properties, JsonMapper jsonMapper) {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		// Filters run in order: errors are mapped outermost, after the passport was added.
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.filter(new DownstreamErrors(jsonMapper))
			.filter(new PassportForwarding());
	}

	/** A client for the service at {@code baseUrl}, e.g. {@code http://member:8080}. */
	public WebClient create(String baseUrl) {
		return builder().baseUrl(baseUrl).build();
	}

	/** A fresh builder with all service-client behaviour, for further customization. */
	public WebClient.Builder builder() {
		return this.template.clone();
	}

}
