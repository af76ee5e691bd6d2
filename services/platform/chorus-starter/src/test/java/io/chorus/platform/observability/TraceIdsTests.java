package io.chorus.platform.observability;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdsTests {

	private final TraceIds traceIds = new TraceIds(null);

	@Test
	void fallsBackToTheInboundTraceparent() {
		MockServerWebExchange exchange = MockServerWebExchange.from(
				MockServerHttpRequest.get("/").header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
		assertThat(this.traceIds.current(exchange)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void generatesAStableIdWhenThereIsNoTraceAtAll() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		String first = this.traceIds.current(exchange);
		assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
		assertThat(this.traceIds.current(exchange)).isEqualTo(first);
	}

	@Test
	void rejectsMalformedTraceparents() {
		assertThat(TraceIds.fromTraceparent("00-00000000000000000000000000000000-b7ad6b7169203331-01")).isNull();
		assertThat(TraceIds.fromTraceparent("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")).isNull();
		assertThat(TraceIds.fromTraceparent("garbage")).isNull();
		assertThat(TraceIds.fromTraceparent("00-abc-def-01")).isNull();
	}

}
