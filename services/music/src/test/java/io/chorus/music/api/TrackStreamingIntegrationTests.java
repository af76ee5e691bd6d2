package io.chorus.music.api;

import java.util.Arrays;
import java.util.Map;

import io.chorus.music.testing.IntegrationTestBase;
import io.chorus.music.testing.MusicClient;
import io.chorus.music.testing.TestAudio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte-exact Range and conditional request behaviour of {@code GET /api/tracks/{id}/stream}. */
class TrackStreamingIntegrationTests extends IntegrationTestBase {

	private byte[] audio;

	private String id;

	private String etag;

	private String stream;

	@BeforeEach
	void upload() {
		String owner = MusicClient.newMemberId();
		String artistId = (String) this.client.createArtist(owner, "Streamers").get("id");
		this.audio = TestAudio.wav(1500);
		Map<String, Object> track = this.client.uploadTrack(owner, artistId, "Stream me", this.audio);
		this.id = (String) track.get("id");
		this.stream = "/api/tracks/" + this.id + "/stream";
		this.etag = get(null).getResponseHeaders().getETag();
		assertThat(this.etag).isNotNull();
	}

	@Test
	void withoutRangeTheWholeFileComesWithValidators() {
		EntityExchangeResult<byte[]> result = get(null);

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isEqualTo(this.audio);
		assertThat(result.getResponseHeaders().getFirst("Accept-Ranges")).isEqualTo("bytes");
		assertThat(result.getResponseHeaders().getContentType()).hasToString("audio/wav");
		assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(this.audio.length);
		assertThat(result.getResponseHeaders().getFirst("Content-Range")).isNull();
	}

	@Test
	void theFirstByte() {
		assertPartial(get("bytes=0-0"), 0, 0);
	}

	@Test
	void theLastByte() {
		int last = this.audio.length - 1;
		assertPartial(get("bytes=" + last + "-" + last), last, last);
	}

	@Test
	void aMiddleRangeAndOneReachingPastTheEnd() {
		assertPartial(get("bytes=100-1099"), 100, 1099);
		assertPartial(get("bytes=1000-" + (this.audio.length + 5000)), 1000, this.audio.length - 1);
	}

	@Test
	void anOpenRange() {
		assertPartial(get("bytes=100-"), 100, this.audio.length - 1);
	}

	@Test
	void aSuffixRange() {
		assertPartial(get("bytes=-500"), this.audio.length - 500, this.audio.length - 1);
	}

	@Test
	void aSuffixLongerThanTheFileIsTheWholeFileAsPartial() {
		assertPartial(get("bytes=-" + (this.audio.length * 3)), 0, this.audio.length - 1);
	}

	@Test
	void aStartBeyondTheEndIsUnsatisfiable() {
		for (String range : new String[] { "bytes=" + this.audio.length + "-", "bytes=" + (this.audio.length + 10) + "-"
				+ (this.audio.length + 20), "bytes=-0" }) {
			EntityExchangeResult<byte[]> result = get(range);
			assertThat(result.getStatus().value()).as(range).isEqualTo(416);
			assertThat(result.getResponseHeaders().getFirst("Content-Range")).as(range)
				.isEqualTo("bytes */" + this.audio.length);
		}
	}

	@Test
	void severalRangesGetTheWholeFile() {
		EntityExchangeResult<byte[]> result = get("bytes=0-9, 20-29");

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isEqualTo(this.audio);
	}

	@Test
	void aMalformedRangeIsIgnored() {
		EntityExchangeResult<byte[]> result = get("bytes=9-3");

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isEqualTo(this.audio);
	}

	@Test
	void ifNoneMatchWithTheCurrentEtagIsNotModified() {
		EntityExchangeResult<byte[]> result = exchange(
				this.client.http().get().uri(this.stream).header("If-None-Match", "\"other\", " + this.etag));

		assertThat(result.getStatus().value()).isEqualTo(304);
		assertThat(result.getResponseBody()).isNull();
		assertThat(result.getResponseHeaders().getETag()).isEqualTo(this.etag);
	}

	@Test
	void ifNoneMatchWithAnotherEtagSendsTheFile() {
		EntityExchangeResult<byte[]> result = exchange(
				this.client.http().get().uri(this.stream).header("If-None-Match", "\"something-else\""));

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isEqualTo(this.audio);
	}

	@Test
	void ifRangeMatchingServesTheRange() {
		assertPartial(exchange(this.client.http()
			.get()
			.uri(this.stream)
			.header("Range", "bytes=10-19")
			.header("If-Range", this.etag)), 10, 19);
	}

	@Test
	void ifRangeNotMatchingServesTheWholeFile() {
		EntityExchangeResult<byte[]> result = exchange(this.client.http()
			.get()
			.uri(this.stream)
			.header("Range", "bytes=10-19")
			.header("If-Range", "\"an-older-version\""));

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseBody()).isEqualTo(this.audio);
		assertThat(result.getResponseHeaders().getFirst("Content-Range")).isNull();
	}

	@Test
	void streamingNeverCountsAPlay() {
		get(null);
		get("bytes=0-");
		get("bytes=-100");

		assertThat(this.client.getJson("/api/tracks/" + this.id)).containsEntry("plays", 0);
		assertThat(count("SELECT COUNT(*) FROM play WHERE track_id = '" + this.id + "'")).isZero();
	}

	@Test
	void anUnknownTrackIs404() {
		this.client.http().get().uri("/api/tracks/nope/stream").exchange().expectStatus().isNotFound();
	}

	private void assertPartial(EntityExchangeResult<byte[]> result, int first, int last) {
		assertThat(result.getStatus().value()).isEqualTo(206);
		assertThat(result.getResponseHeaders().getFirst("Content-Range"))
			.isEqualTo("bytes " + first + "-" + last + "/" + this.audio.length);
		assertThat(result.getResponseHeaders().getContentLength()).isEqualTo(last - first + 1);
		assertThat(result.getResponseHeaders().getContentType()).hasToString("audio/wav");
		assertThat(result.getResponseHeaders().getETag()).isEqualTo(this.etag);
		assertThat(result.getResponseBody()).isEqualTo(Arrays.copyOfRange(this.audio, first, last + 1));
	}

	private EntityExchangeResult<byte[]> get(String range) {
		WebTestClient.RequestHeadersSpec<?> spec = this.client.http().get().uri(this.stream);
		if (range != null) {
			spec = spec.header("Range", range);
		}
		return exchange(spec);
	}

	private static EntityExchangeResult<byte[]> exchange(WebTestClient.RequestHeadersSpec<?> spec) {
		return spec.exchange().expectBody(byte[].class).returnResult();
	}

}
