package io.chorus.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import reactor.core.publisher.Flux;

/**
 * A social graph with a realistic, heavy-tailed degree distribution: members join one by one
 * and each follows a few earlier members chosen with probability proportional to their follower
 * count plus one (preferential attachment), so a few members gather many followers and most
 * have few. Plus one "announcer" every member follows, for the fan-out scenario.
 */
final class Seeder {

	private final Api api;

	private final SplittableRandom random;

	Seeder(Api api, long seed) {
		this.api = api;
		this.random = new SplittableRandom(seed);
	}

	Graph seed(int members, int meanFollows, int concurrency) {
		String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
		List<Api.Member> joined = Flux.range(0, members + 1)
			.flatMapSequential((i) -> this.api.signup("b" + run + "_" + i), concurrency)
			.collectList()
			.block();
		Api.Member announcer = joined.remove(members);
		List<String> tokens = Flux.fromIterable(joined)
			.flatMapSequential(this.api::login, concurrency)
			.collectList()
			.block();
		List<int[]> edges = preferentialAttachment(members, meanFollows);
		Flux.fromIterable(edges)
			.flatMap((edge) -> this.api.follow(tokens.get(edge[0]), joined.get(edge[1]).id()), concurrency * 4)
			.blockLast();
		Flux.range(0, members)
			.flatMap((i) -> this.api.follow(tokens.get(i), announcer.id()), concurrency * 4)
			.blockLast();
		String announcerToken = this.api.login(announcer).block();
		return new Graph(joined, tokens, announcer, announcerToken, edges.size());
	}

	/**
	 * Music: {@code artists} artists owned by the first members, {@code tracksPerArtist} short
	 * generated tracks each, one long track for streaming, then {@code playsPerMember} counted
	 * listens per member over distinct tracks with Zipf popularity (track k is chosen with weight
	 * 1/(k+1)), so the charts have a realistic head and tail.
	 */
	Catalog seedMusic(Graph graph, int artists, int tracksPerArtist, int playsPerMember, int concurrency) {
		byte[] shortTrack = Wav.tone(4, 8000, 440); // 4 s: a 3 s listen counts (at least half the track)
		byte[] streamTrack = Wav.tone(60, 44100, 440); // 60 s, ~5.3 MB
		List<Integer> owners = new ArrayList<>();
		for (int a = 0; a < artists; a++) {
			owners.add(a % graph.members().size());
		}
		List<String> trackIds = Flux.range(0, artists)
			.flatMapSequential((a) -> this.api.createArtist(graph.tokens().get(owners.get(a)), "Bench Artist " + a)
				.flatMapMany((artistId) -> Flux.range(0, tracksPerArtist)
					.concatMap((t) -> this.api.uploadTrack(graph.tokens().get(owners.get(a)), artistId,
							"Bench Track " + a + "-" + t, shortTrack))), concurrency)
			.collectList()
			.block();
		String streamArtist = this.api.createArtist(graph.tokens().get(0), "Bench Streamer").block();
		String streamTrackId = this.api.uploadTrack(graph.tokens().get(0), streamArtist, "Bench Stream", streamTrack)
			.block();
		double[] cumulative = new double[trackIds.size()];
		double total = 0;
		for (int k = 0; k < cumulative.length; k++) {
			total += 1.0 / (k + 1);
			cumulative[k] = total;
		}
		List<String[]> plays = new ArrayList<>();
		for (int m = 0; m < graph.tokens().size(); m++) {
			Set<Integer> chosen = new HashSet<>();
			while (chosen.size() < Math.min(playsPerMember, trackIds.size())) {
				double u = this.random.nextDouble() * total;
				int k = 0;
				while (cumulative[k] < u) {
					k++;
				}
				chosen.add(k);
			}
			for (int k : chosen) {
				plays.add(new String[] { graph.tokens().get(m), trackIds.get(k) });
			}
		}
		Flux.fromIterable(plays).flatMap((play) -> this.api.play(play[0], play[1], 3_000), concurrency * 4).blockLast();
		return new Catalog(trackIds, streamTrackId, streamTrack.length, plays.size());
	}

	/**
	 * The same graph with new access tokens (they live 15 minutes, and seeding plus the quiet
	 * start can take longer than that).
	 */
	Graph relogin(Graph graph, int concurrency) {
		List<String> tokens = Flux.fromIterable(graph.members())
			.flatMapSequential(this.api::login, concurrency)
			.collectList()
			.block();
		return new Graph(graph.members(), tokens, graph.announcer(), this.api.login(graph.announcer()).block(),
				graph.follows());
	}

	/** Edges {follower, followee} over members 0..n-1. */
	List<int[]> preferentialAttachment(int n, int meanFollows) {
		List<Integer> urn = new ArrayList<>(); // member i appears (followers + 1) times
		List<int[]> edges = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int follows = Math.min(i, 1 + this.random.nextInt(2 * meanFollows - 1));
			Set<Integer> chosen = new HashSet<>();
			while (chosen.size() < follows) {
				chosen.add(urn.get(this.random.nextInt(urn.size())));
			}
			for (int followee : chosen) {
				edges.add(new int[] { i, followee });
				urn.add(followee);
			}
			urn.add(i);
		}
		return edges;
	}

	/** The seeded music: chart tracks, the long track for streaming, listens reported. */
	record Catalog(List<String> trackIds, String streamTrackId, int streamBytes, int plays) {
	}

	/** What the seeder made, with a live access token per member (index-aligned). */
	record Graph(List<Api.Member> members, List<String> tokens, Api.Member announcer, String announcerToken,
			int follows) {
	}

}
