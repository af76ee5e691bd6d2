package io.chorus.member.api;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.reactive.function.server.MockServerRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpTests {

	private final ClientIp clientIp = new ClientIp(List.of("10.0.0.0/8", "::1/128"));

	@Test
	void aTrustedProxyHopNamesTheClient() {
		assertThat(this.clientIp.of(request("10.1.2.3", "198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
		assertThat(this.clientIp.of(request("0:0:0:0:0:0:0:1", "2001:DB8::0:1"))).isEqualTo("2001:db8::1");
	}

	@Test
	void anyOtherPeerIsTheClientWhateverItForwards() {
		assertThat(this.clientIp.of(request("203.0.113.9", "198.51.100.7"))).isEqualTo("203.0.113.9");
		assertThat(this.clientIp.of(request("11.0.0.1", "198.51.100.7"))).isEqualTo("11.0.0.1");
	}

	@Test
	void aForwardedValueThatIsNoAddressIsIgnored() {
		assertThat(this.clientIp.of(request("10.1.2.3", "evil.example, 198.51.100.7"))).isEqualTo("10.1.2.3");
		assertThat(this.clientIp.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
	}

	private static MockServerRequest request(String peer, String forwardedFor) {
		MockServerRequest.Builder builder = MockServerRequest.builder()
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

}
