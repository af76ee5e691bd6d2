package io.chorus.platform.client;

import io.chorus.platform.passport.Passports;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/** Puts the current passport (if any) on the outgoing request, read from the Reactor context. */
final class PassportForwarding implements ExchangeFilterFunction {

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Passports.currentToken()
			.map((token) -> ClientRequest.from(request).headers((headers) -> headers.set(Passports.HEADER, token)).build())
			.defaultIfEmpty(request)
			.flatMap(next::exchange);
	}

}
