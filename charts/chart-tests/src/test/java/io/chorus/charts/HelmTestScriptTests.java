package io.chorus.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-path `helm test` script, run as rendered against a fake Chorus API (a `curl` stub
 * that answers like the contracts say: Location headers, login bodies, events that arrive a poll
 * later, Range answers), so its parsing, waiting and failure reporting are proven here; whether
 * the real services answer so is proven only by the kind run.
 */
class HelmTestScriptTests {

	@TempDir
	Path tmp;

	String script;

	Path bin;

	@BeforeEach
	void renderScript() throws IOException {
		List<JsonNode> docs = Charts.render(Charts.chartWithTestPodsAsResources(this.tmp.resolve("chart")), List.of(),
				Map.of());
		JsonNode pod = Charts.named(docs, "Pod", "chorus-test-data-paths");
		assertThat(pod.at("/spec/volumes/0/emptyDir").isObject()).as("/tmp is writable on a read-only root").isTrue();
		Path work = Files.createDirectories(this.tmp.resolve("pod-tmp"));
		// The pod's /tmp is an emptyDir; here it is a private directory.
		this.script = pod.at("/spec/containers/0/command/2").asText().replace("/tmp/", work + "/");
		this.bin = Files.createDirectories(this.tmp.resolve("bin"));
		Path curl = this.bin.resolve("curl");
		Files.writeString(curl, FAKE_API);
		Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	record Run(int exit, String out) {
	}

	Run run(Map<String, String> env) throws Exception {
		ProcessBuilder pb = new ProcessBuilder("sh", "-ec", this.script).redirectErrorStream(true);
		pb.environment().put("PATH", this.bin + ":/usr/bin:/bin");
		pb.environment().put("API", "http://api.test");
		pb.environment().put("HOST_HEADER", "chorus.localtest.me");
		pb.environment().put("WAIT_SECONDS", "6");
		pb.environment().put("STATE", Files.createDirectories(this.tmp.resolve("state-" + System.nanoTime())).toString());
		pb.environment().putAll(env);
		Process process = pb.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), out);
	}

	@Test
	void everyDataPathPassesAgainstAnApiThatAnswersAsContracted() throws Exception {
		Run run = run(Map.of());
		assertThat(run.exit()).as(run.out()).isZero();
		assertThat(run.out()).contains("ok: post on the follower's home timeline", "ok: post found by search",
				"ok: like notification", "ok: upload and Range stream", "ok: play in today's chart",
				"ok: track found by search", "every data path answered");
	}

	@Test
	void aPathThatNeverArrivesOrAnswersWrongFailsTheTest() throws Exception {
		Run never = run(Map.of("STUB_TIMELINE_NEVER", "1"));
		assertThat(never.exit()).isNotZero();
		assertThat(never.out()).contains("FAILED: post on the follower's home timeline: /api/timeline/home never showed");
		Run noRange = run(Map.of("STUB_IGNORE_RANGE", "1"));
		assertThat(noRange.exit()).isNotZero();
		assertThat(noRange.out()).contains("FAILED: Range request answered 200");
		Run notCounted = run(Map.of("STUB_PLAY_NOT_COUNTED", "1"));
		assertThat(notCounted.exit()).isNotZero();
		assertThat(notCounted.out()).contains("FAILED: the play was not counted");
	}

	/** A fake Chorus API behind `curl`: state in $STATE, events visible from the second read on. */
	static final String FAKE_API = """
			#!/usr/bin/env bash
			set -u
			method=GET out="" dump="" write="" data="" url="" auth="" range="" file=""
			while (($#)); do
			  case $1 in
			    -fsS) shift ;;
			    --max-time) shift 2 ;;
			    -X) method=$2; shift 2 ;;
			    -H) case $2 in Authorization:*) auth=${2#*Bearer } ;; Range:*) range=${2#Range: } ;; esac; shift 2 ;;
			    -o) out=$2; shift 2 ;;
			    -D) dump=$2; shift 2 ;;
			    -w) write=$2; shift 2 ;;
			    -d) data=$2; shift 2 ;;
			    -F) case $2 in file=@*) file=${2#file=@}; file=${file%%;*} ;; esac; shift 2 ;;
			    *) url=$1; shift ;;
			  esac
			done
			path=${url#http://api.test}
			status=200 headers="" body=""
			seen() { n=$(( $(cat "$STATE/$1" 2>/dev/null || echo 0) + 1 )); echo $n > "$STATE/$1"; [ "$n" -ge 2 ]; }
			need_token() { [ -n "$auth" ] || { status=401; return 1; }; }
			case "$method $path" in
			  "POST /api/auth/signup") status=201 ;;
			  "POST /api/auth/login")
			    who=$(sed -n 's/.*"email":"\\([a-z]\\)-.*/\\1/p' <<<"$data")
			    body="{\\"accessToken\\":\\"tok-$who\\",\\"tokenType\\":\\"Bearer\\",\\"expiresIn\\":900,\\"member\\":{\\"id\\":\\"m-$who\\",\\"handle\\":\\"$who\\"}}" ;;
			  "PUT /api/members/m-a/follow") need_token && { status=204; touch "$STATE/follow"; } ;;
			  "POST /api/posts") need_token && { status=201; headers="Location: /api/posts/p-1"; echo "$data" > "$STATE/post"; } ;;
			  "GET /api/timeline/home")
			    need_token && body='{"items":[]}'
			    if [ -f "$STATE/follow" ] && [ -f "$STATE/post" ] && [ -z "${STUB_TIMELINE_NEVER:-}" ] && seen timeline; then
			      body='{"items":[{"id":"p-1","authorId":"m-a"}],"nextCursor":null}'
			    fi ;;
			  "GET /api/search?q="*"&type=posts")
			    q=${path#*q=}; q=${q%%&*}; body='{"items":[]}'
			    grep -q "$q" "$STATE/post" 2>/dev/null && body='{"items":[{"id":"p-1"}]}' ;;
			  "PUT /api/posts/p-1/like") need_token && { status=204; touch "$STATE/like"; } ;;
			  "GET /api/activity/me")
			    need_token && body='{"items":[]}'
			    [ "$auth" = tok-a ] && [ -f "$STATE/like" ] && body='{"items":[{"kind":"POST_LIKED","postId":"p-1"}]}' ;;
			  "POST /api/artists") need_token && { status=201; headers="Location: /api/artists/ar-1"; } ;;
			  "POST /api/tracks")
			    if need_token && [ "$(head -c 4 "$file")" = RIFF ] && [ "$(head -c 12 "$file" | tail -c 4)" = WAVE ]; then
			      status=201; headers="Location: /api/tracks/t-1"; cp "$file" "$STATE/track"
			    else status=${status/200/415}; fi ;;
			  "GET /api/tracks/t-1/stream")
			    size=$(wc -c < "$STATE/track")
			    if [ "$range" = "bytes=0-99" ] && [ -z "${STUB_IGNORE_RANGE:-}" ]; then
			      status=206; headers="Content-Range: bytes 0-99/$size"; head -c 100 "$STATE/track" > "$STATE/body"
			    else cp "$STATE/track" "$STATE/body"; fi ;;
			  "POST /api/tracks/t-1/plays")
			    need_token && { [ -n "${STUB_PLAY_NOT_COUNTED:-}" ] && body='{"counted":false,"reason":"TOO_SHORT"}' ||
			      { body='{"counted":true,"reason":"COUNTED","playId":"pl-1"}'; touch "$STATE/played"; }; } ;;
			  "GET /api/charts/daily?limit=100")
			    body='{"items":[]}'; [ -f "$STATE/played" ] && body='{"items":[{"rank":1,"trackId":"t-1","plays":1}]}' ;;
			  "GET /api/search?q=helmtrack"*"&type=tracks")
			    body='{"items":[]}'; [ -f "$STATE/track" ] && body='{"items":[{"id":"t-1","trackId":"t-1"}]}' ;;
			  *) status=404 ;;
			esac
			[ -f "$STATE/body" ] || printf '%s' "$body" > "$STATE/body"
			response=$(printf 'HTTP/1.1 %s X\\r\\n%s\\r\\n' "$status" "$headers")
			if [ -n "$dump" ]; then
			  if [ "$dump" = - ]; then printf '%s\\r\\n' "$response"; else printf '%s\\r\\n' "$response" > "$dump"; fi
			fi
			if [ -n "$out" ]; then cat "$STATE/body" > "$out"; elif [ "$status" -lt 400 ]; then cat "$STATE/body"; fi
			rm -f "$STATE/body"
			[ -z "$write" ] || printf '%s' "$status"
			[ "$status" -lt 400 ] || exit 22
			""";

}
