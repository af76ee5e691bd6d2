package io.chorus.gateway.domain;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

	@Test
	void untrustedPeerIsTheClientWhateverItClaims() throws Exception {
		TrustedProxies.ClientAddress client = this.proxies.resolve(ip("203.0.113.9"), List.of("1.2.3.4, 10.0.0.1"));
		assertThat(client.ip()).isEqualTo("203.0.113.9");
		assertThat(client.forwardedFor()).isEqualTo("203.0.113.9");
	}

	@Test
	void trustedProxyChainIsWalkedFromTheRight() throws Exception {
		TrustedProxies.ClientAddress client = this.proxies.resolve(ip("10.1.2.3"),
				List.of("6.6.6.6, 198.51.100.20", "192.168.1.7"));
		assertThat(client.ip()).isEqualTo("198.51.100.20");
		assertThat(client.forwardedFor()).isEqualTo("198.51.100.20, 192.168.1.7, 10.1.2.3");
	}

	@Test
	void unreadableHopsStopTheWalkAndAreNeverLookedUp() throws Exception {
		TrustedProxies.ClientAddress client = this.proxies.resolve(ip("10.1.2.3"), List.of("evil.example.com"));
		assertThat(client.ip()).isEqualTo("10.1.2.3");
		TrustedProxies.ClientAddress withPort = this.proxies.resolve(ip("10.1.2.3"), List.of("198.51.100.20:5555"));
		assertThat(withPort.ip()).isEqualTo("198.51.100.20");
		TrustedProxies.ClientAddress v6 = this.proxies.resolve(ip("fd00::1"), List.of("[2001:db8::5]:443"));
		assertThat(v6.ip()).isEqualTo("2001:db8::5");
	}

	@Test
	void noTrustedProxiesMeansThePeerAlways() throws Exception {
		TrustedProxies none = new TrustedProxies(List.of());
		assertThat(none.resolve(ip("127.0.0.1"), List.of("1.2.3.4")).ip()).isEqualTo("127.0.0.1");
	}

	@Test
	void badCidrsFailAtStartup() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("not-an-ip")));
		assertThatIllegalArgumentException().isThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")));
	}

	private static InetAddress ip(String literal) throws Exception {
		return InetAddress.getByName(literal);
	}

}
