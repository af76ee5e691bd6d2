package io.chorus.member.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The client's address, the key of the per-address throttles. {@code X-Forwarded-For} is believed
 * only from a configured proxy hop, i.e. when the connection's peer is in {@code trusted-proxies}
 * (the gateway, or its sidecar on loopback); then its first entry is the client, because the
 * gateway rewrites the header to start with the client it resolved from its own trusted hops.
 * From any other peer the header is ignored and the peer is the client: whoever reaches member
 * directly cannot choose the address it is throttled under.
 */
final class ClientIp {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<Cidr> trusted;

	ClientIp(List<String> trustedProxies) {
		this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
	}

	String of(ServerRequest request) {
		InetAddress peer = request.remoteAddress().map(InetSocketAddress::getAddress).orElse(null);
		if (peer == null) {
			return "unknown";
		}
		String forwarded = request.headers().firstHeader(FORWARDED_FOR);
		if (forwarded != null && isTrusted(peer)) {
			String first = forwarded.split(",", 2)[0].strip();
			byte[] literal = NetUtil.createByteArrayFromIpAddressString(first);
			if (literal != null) {
				return NetUtil.bytesToIpAddress(literal); // canonical, and never a made-up string
			}
		}
		return NetUtil.toAddressString(peer);
	}

	private boolean isTrusted(InetAddress address) {
		return this.trusted.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	private record Cidr(byte[] network, int prefix) {

		static Cidr parse(String value) {
			String[] parts = value.strip().split("/", 2);
			byte[] network = NetUtil.createByteArrayFromIpAddressString(parts[0]);
			if (network == null) {
				throw new IllegalArgumentException("not an IP address or CIDR: " + value);
			}
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
			if (prefix < 0 || prefix > network.length * 8) {
				throw new IllegalArgumentException("bad CIDR prefix: " + value);
			}
			return new Cidr(network, prefix);
		}

		boolean contains(@Nullable InetAddress address) {
			if (address == null) {
				return false;
			}
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (this.network[full] & mask);
		}

	}

}
