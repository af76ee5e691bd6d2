package io.chorus.timeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.chorus.testkit.passport.TestPassports;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/** GETs against the service, as a member (with a passport) or anonymously. */
public final class TimelineClient {

	private final WebTestClient http;

	private final TestPassports passports;

	TimelineClient(WebTestClient http, TestPassports passports) {
		this.http = http;
		this.passports = passports;
	}

	public WebTestClient.ResponseSpec request(String path, @Nullable String memberId) {
		WebTestClient.RequestHeadersSpec<?> spec = this.http.get().uri(path);
		if (memberId != null) {
			spec = spec.header(TestPassports.HEADER, this.passports.valid(memberId, "m" + memberId.substring(0, 8)));
		}
		return spec.exchange();
	}

	/** 200 and its JSON body. */
	public JsonNode get(String path, @Nullable String memberId) {
		byte[] body = request(path, memberId).expectStatus().isOk().expectBody().returnResult().getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	/** Ids of a list page's items. */
	public static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach((item) -> ids.add(item.path("id").asString()));
		return ids;
	}

	/** Polls {@code path} until its body satisfies {@code condition} (events are applied asynchronously). */
	public JsonNode await(String path, @Nullable String memberId, Predicate<JsonNode> condition) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				last[0] = get(path, memberId);
				return condition.test(last[0]);
			});
		return last[0];
	}

	/** Every page of a list, following {@code nextCursor}. */
	public List<String> all(String path, @Nullable String memberId, int limit) {
		List<String> out = new ArrayList<>();
		String cursor = null;
		do {
			String sep = path.contains("?") ? "&" : "?";
			JsonNode page = get(path + sep + "limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : ""),
					memberId);
			out.addAll(ids(page));
			JsonNode next = page.path("nextCursor");
			cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
		}
		while (cursor != null);
		return out;
	}

}
