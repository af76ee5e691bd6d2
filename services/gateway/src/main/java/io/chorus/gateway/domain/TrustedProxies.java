package io.chorus.gateway.domain;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * Who the client really is. {@code X-Forwarded-For} is believed only hop by hop from the right, and
 * only while the hop that wrote it is a configured trusted proxy (CIDR): a client cannot pick its
 * own address, so it can neither dodge rate limits nor forge its origin for the services.
 */
public final class TrustedProxies {

	private final List<Cidr> trusted;

	public TrustedProxies(List<String> cidrs) {
		this.trusted = cidrs.stream().map(Cidr::parse).toList();
	}

	/**
	 * The client and the forwarding chain to hand downstream.
	 * @param remote        the peer address of the connection
	 * @param forwardedFor  the inbound {@code X-Forwarded-For} values, possibly none
	 */
	public ClientAddress resolve(InetAddress remote, List<String> forwardedFor) {
		List<InetAddress> chain = new ArrayList<>();
		if (isTrusted(remote)) {
			for (String header : forwardedFor) {
				for (String hop : header.split(",")) {
					chain.add(literal(hop.strip()));
				}
			}
		}
		chain.add(remote);
		int client = chain.size() - 1;
		// Walk left while the current hop is a trusted proxy and the hop it reports is readable.
		while (client > 0 && isTrusted(chain.get(client)) && chain.get(client - 1) != null) {
			client--;
		}
		List<String> kept = chain.subList(client, chain.size()).stream().map(NetUtil::toAddressString).toList();
		return new ClientAddress(kept.get(0), String.join(", ", kept));
	}

	private boolean isTrusted(@Nullable InetAddress address) {
		return address != null && this.trusted.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/** An IP literal, or null: never a DNS lookup (that would block an event loop). */
	private static @Nullable InetAddress literal(String value) {
		String host = value;
		if (host.startsWith("[") && host.contains("]")) {
			host = host.substring(1, host.indexOf(']'));
		}
		else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
			host = host.substring(0, host.indexOf(':')); // IPv4 with a port
		}
		return NetUtil.createInetAddressFromIpAddressString(host);
	}

	/**
	 * @param ip           the client's address, the rate-limit key for anonymous requests
	 * @param forwardedFor the {@code X-Forwarded-For} value for the services: the client and the
	 *                     trusted hops after it, nothing a client could have made up
	 */
	public record ClientAddress(String ip, String forwardedFor) {
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

		boolean contains(InetAddress address) {
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
