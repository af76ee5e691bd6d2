package io.chorus.platform.events.replay;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class EventReplayEndpointTests {

	private final ReplayTool tool = mock(ReplayTool.class);

	private final EventReplayEndpoint endpoint = new EventReplayEndpoint(this.tool);

	@Test
	void badInputIsAProblemWith400() {
		assertProblem(this.endpoint.run("purge", "content.events", "timeline", null).block(), "Unknown action");
		assertProblem(this.endpoint.run("rewind", "content.events", "timeline", null).block(), "'from'");
		assertProblem(this.endpoint.run("rewind", "content.events", "timeline", "yesterday").block(), "ISO-8601");
		verifyNoInteractions(this.tool);
	}

	@SuppressWarnings("unchecked")
	private static void assertProblem(WebEndpointResponse<Object> response, String detail) {
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).hasToString("application/problem+json");
		assertThat((Map<String, Object>) response.getBody()).containsEntry("status", 400)
			.containsEntry("title", "Bad Request")
			.hasEntrySatisfying("detail", value -> assertThat((String) value).contains(detail));
	}

}
