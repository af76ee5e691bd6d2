package io.chorus.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.chorus.e2e.Visitor.Account;
import io.chorus.testkit.ChorusInfrastructure;
import io.chorus.testkit.Infra;
import io.chorus.testkit.TestNamespace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Music through the gateway, and search fed by its events: an artist and an uploaded track
 * (multipart through the gateway's upload route), streamed back with Range requests byte-exact,
 * then found by prefix in search's autocomplete.
 */
@ChorusInfrastructure({ Infra.MARIADB, Infra.REDIS, Infra.KAFKA, Infra.MONGO })
class MusicThroughGatewayIntegrationTests {

	private static ChorusStack stack;

	@BeforeAll
	static void start(TestNamespace namespace) {
		stack = ChorusStack.on(namespace).withMusic().withSearch().start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void anUploadedTrackStreamsByteExactAndIsAutocompletedBySearch() {
		Visitor visitor = new Visitor(stack);
		Account ada = visitor.signup("ada");
		String token = visitor.login(ada).accessToken();
		String name = "Quuxophone " + Visitor.uniqueHandle("x").replace("_", "");

		String artistId = (String) Visitor.mapResult(visitor.sendJson("POST", "/api/artists", token, Map.of("name", name))
			.expectStatus()
			.isCreated()).getResponseBody().get("id");
		byte[] wav = wav(2, 8000);
		String boundary = "e2e-" + System.nanoTime();
		String trackId = (String) Visitor.mapResult(visitor.send("POST", "/api/tracks", token)
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
			.bodyValue(multipart(boundary, artistId, "Quuxing Tonight", wav))
			.exchange()
			.expectStatus()
			.isCreated()).getResponseBody().get("id");

		byte[] middle = visitor.http().get().uri("/api/tracks/" + trackId + "/stream")
			.header(HttpHeaders.RANGE, "bytes=100-1099")
			.exchange()
			.expectStatus()
			.isEqualTo(206)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-1099/" + wav.length)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(middle).isEqualTo(Arrays.copyOfRange(wav, 100, 1100));
		visitor.http().get().uri("/api/tracks/" + trackId + "/stream")
			.header(HttpHeaders.RANGE, "bytes=" + wav.length + "-")
			.exchange()
			.expectStatus()
			.isEqualTo(416);

		Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(suggestions(visitor, "artists", "quuxoph")).contains(artistId);
			assertThat(suggestions(visitor, "tracks", "quuxin")).contains(trackId);
		});
	}

	@SuppressWarnings("unchecked")
	private static List<String> suggestions(Visitor visitor, String type, String prefix) {
		Map<String, Object> page = Visitor.mapResult(visitor.get("/api/search/autocomplete?type=" + type + "&q=" + prefix, null)
			.expectStatus()
			.isOk()).getResponseBody();
		return ((List<Map<String, Object>>) page.get("items")).stream().map((item) -> (String) item.get("id")).toList();
	}

	// Built by hand: Spring's multipart writer draws its boundary from SecureRandom.
	private static byte[] multipart(String boundary, String artistId, String title, byte[] file) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"artistId\"\r\n\r\n" + artistId
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tone.wav\"\r\n"
				+ "Content-Type: audio/wav\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	/** A 16-bit mono PCM WAV tone. */
	private static byte[] wav(int seconds, int sampleRate) {
		int data = seconds * sampleRate * 2;
		ByteBuffer wav = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII));
		wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
			.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
		wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
		for (int i = 0; i < seconds * sampleRate; i++) {
			wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 8000));
		}
		return wav.array();
	}

}
