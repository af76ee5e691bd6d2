package io.chorus.member.api;

import java.net.InetSocketAddress;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The client's address for throttling: the first {@code X-Forwarded-For} entry, which the gateway
 * sets (it replaces whatever the client sent), else the peer address.
 */
final class ClientIp {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private ClientIp() {
	}

	static String of(ServerRequest request) {
		String forwarded = request.headers().firstHeader(FORWARDED_FOR);
		if (forwarded != null) {
			String first = forwarded.split(",", 2)[0].strip();
			if (!first.isEmpty() && first.length() <= 64) {
				return first;
			}
		}
		return request.remoteAddress()
			.map(InetSocketAddress::getAddress)
			.map((address) -> address.getHostAddress())
			.orElse("unknown");
	}

}
