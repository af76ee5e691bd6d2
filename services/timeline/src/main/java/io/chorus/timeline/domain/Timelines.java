package io.chorus.timeline.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.chorus.platform.web.ProblemException;
import io.chorus.timeline.domain.Views.CommentView;
import io.chorus.timeline.domain.Views.Page;
import io.chorus.timeline.domain.Views.PostView;
import io.chorus.timeline.store.CommentStore;
import io.chorus.timeline.store.FollowStore;
import io.chorus.timeline.store.HomeFeeds;
import io.chorus.timeline.store.LikeStore;
import io.chorus.timeline.store.PostStore;
import io.chorus.timeline.store.Rankings;
import io.chorus.timeline.store.Rankings.Kind;
import io.chorus.timeline.store.Rankings.Ranked;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The read side. Every list is one id range (Redis or an indexed Mongo range) plus one batch
 * fetch, whatever the page size; nothing here writes.
 */
public class Timelines {

	/** Replies shown under each top-level comment of a page. */
	public static final int REPLY_PREVIEW = 3;

	/** Upper bound on replies fetched for one page of comments. */
	private static final int REPLY_FETCH_MAX = 1000;

	private final PostStore posts;

	private final CommentStore comments;

	private final LikeStore likes;

	private final FollowStore follows;

	private final HomeFeeds feeds;

	private final Rankings rankings;

	public Timelines(PostStore posts, CommentStore comments, LikeStore likes, FollowStore follows, HomeFeeds feeds,
			Rankings rankings) {
		this.posts = posts;
		this.comments = comments;
		this.likes = likes;
		this.follows = follows;
		this.feeds = feeds;
		this.rankings = rankings;
	}

	/**
	 * The follow feed: fanned-out ids from {@code tl:home:{me}} merged with the newest posts of the
	 * read-time authors I follow, then filtered: deleted posts, deactivated authors and authors I no
	 * longer follow are left out (my own posts stay).
	 */
	public Mono<Page<PostView>> home(String me, @Nullable Position before, int limit) {
		int n = limit + 1;
		Mono<List<Position>> pushed = this.feeds.page(me, before, n);
		Mono<List<Document>> pulled = this.follows.pullFollowees(me)
			.flatMap((authors) -> this.posts.pulled(authors, before, n).collectList());
		return Mono.zip(pushed, pulled).flatMap((both) -> {
			Map<String, Document> known = new HashMap<>();
			TreeSet<Position> merged = new TreeSet<>(Position.NEWEST_FIRST);
			merged.addAll(both.getT1());
			for (Document post : both.getT2()) {
				known.put(post.getString("_id"), post);
				merged.add(PostStore.position(post));
			}
			List<Position> examined = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			for (Position p : merged) {
				if (examined.size() == n) {
					break;
				}
				if (seen.add(p.id())) {
					examined.add(p);
				}
			}
			boolean more = examined.size() > limit;
			List<Position> window = more ? examined.subList(0, limit) : examined;
			String next = more ? window.get(window.size() - 1).encode() : null;
			List<String> missing = window.stream().map(Position::id).filter((id) -> !known.containsKey(id)).toList();
			return this.posts.findAll(missing).collectList().flatMap((fetched) -> {
				fetched.forEach((post) -> known.put(post.getString("_id"), post));
				List<Document> ordered = window.stream()
					.map((p) -> known.get(p.id()))
					.filter((post) -> post != null && PostStore.isVisible(post))
					.toList();
				Set<String> authors = new HashSet<>();
				ordered.forEach((post) -> authors.add(post.getString("authorId")));
				authors.remove(me);
				return this.follows.followeesAmong(me, authors).flatMap((followed) -> {
					List<Document> kept = ordered.stream()
						.filter((post) -> me.equals(post.getString("authorId"))
								|| followed.contains(post.getString("authorId")))
						.toList();
					return views(kept, me, null).map((items) -> new Page<>(items, next));
				});
			});
		});
	}

	/** One member's posts, newest first. */
	public Mono<Page<PostView>> member(String authorId, @Nullable Position before, int limit, @Nullable String me) {
		return this.posts.byAuthor(authorId, before, limit + 1).collectList().flatMap((found) -> {
			boolean more = found.size() > limit;
			List<Document> page = more ? found.subList(0, limit) : found;
			String next = more ? PostStore.position(page.get(page.size() - 1)).encode() : null;
			return views(page, me, null).map((items) -> new Page<>(items, next));
		});
	}

	/** Posts ranked by likes ({@link Kind#LIKES}) or comments within the window. */
	public Mono<Page<PostView>> ranking(Kind kind, Window window, @Nullable RankPosition after, int limit,
			@Nullable String me) {
		return this.rankings.page(kind, window, after, limit + 1).flatMap((ranked) -> {
			boolean more = ranked.size() > limit;
			List<Ranked> page = more ? ranked.subList(0, limit) : ranked;
			String next = more ? page.get(page.size() - 1).position().encode() : null;
			return this.posts.findAll(page.stream().map(Ranked::postId).toList()).collectList().flatMap((fetched) -> {
				Map<String, Document> byId = new HashMap<>();
				fetched.forEach((post) -> byId.put(post.getString("_id"), post));
				List<Document> ordered = new ArrayList<>();
				Map<String, Long> scores = new HashMap<>();
				for (Ranked r : page) {
					Document post = byId.get(r.postId());
					if (post != null && PostStore.isVisible(post)) {
						ordered.add(post);
						scores.put(r.postId(), r.score());
					}
				}
				return views(ordered, me, scores).map((items) -> new Page<>(items, next));
			});
		});
	}

	public Mono<PostView> post(String postId, @Nullable String me) {
		return visiblePost(postId).flatMap((post) -> views(List.of(post), me, null)).map((list) -> list.get(0));
	}

	/**
	 * Top-level comments oldest first, each with its first {@link #REPLY_PREVIEW} replies and its
	 * reply count; with {@code parentId}, that comment's replies.
	 */
	public Mono<Page<CommentView>> comments(String postId, @Nullable String parentId, @Nullable Position after,
			int limit) {
		return visiblePost(postId)
			.flatMap((post) -> this.comments.page(postId, parentId, after, limit + 1).collectList())
			.flatMap((found) -> {
				boolean more = found.size() > limit;
				List<Document> page = more ? found.subList(0, limit) : found;
				String next = more ? PostStore.position(page.get(page.size() - 1)).encode() : null;
				if (parentId != null) {
					return Mono.just(new Page<>(page.stream().map((c) -> CommentView.of(c, null)).toList(), next));
				}
				List<String> ids = page.stream().map((c) -> c.getString("_id")).toList();
				return this.comments.replies(postId, ids, REPLY_FETCH_MAX).collectList().map((replies) -> {
					Map<String, List<CommentView>> byParent = new LinkedHashMap<>();
					for (Document reply : replies) {
						List<CommentView> list = byParent.computeIfAbsent(reply.getString("parentId"),
								(k) -> new ArrayList<>());
						if (list.size() < REPLY_PREVIEW) {
							list.add(CommentView.of(reply, null));
						}
					}
					List<CommentView> items = page.stream()
						.map((c) -> CommentView.of(c, byParent.getOrDefault(c.getString("_id"), List.of())))
						.toList();
					return new Page<>(items, next);
				});
			});
	}

	private Mono<Document> visiblePost(String postId) {
		return this.posts.find(postId)
			.filter(PostStore::isVisible)
			.switchIfEmpty(Mono.error(() -> ProblemException.notFound("No post " + postId + ".")));
	}

	private Mono<List<PostView>> views(List<Document> posts, @Nullable String me, @Nullable Map<String, Long> scores) {
		if (posts.isEmpty()) {
			return Mono.just(List.of());
		}
		Mono<Set<String>> liked = (me != null)
				? this.likes.likedBy(me, posts.stream().map((p) -> p.getString("_id")).toList())
				: Mono.just(Set.of());
		return liked.map((set) -> posts.stream().map((p) -> {
			String id = p.getString("_id");
			return PostView.of(p, (me != null) ? set.contains(id) : null, (scores != null) ? scores.get(id) : null);
		}).toList());
	}

}
