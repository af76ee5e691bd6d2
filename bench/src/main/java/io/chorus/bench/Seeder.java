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

	/** What the seeder made, with a live access token per member (index-aligned). */
	record Graph(List<Api.Member> members, List<String> tokens, Api.Member announcer, String announcerToken,
			int follows) {
	}

}
