package io.chorus.activity.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.chorus.activity.store.EntryStore;
import io.chorus.activity.store.EntryStore.MemberRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The two reads. Each page costs a fixed number of queries whatever its size: notifications =
 * one page query + one batch of actors; following = one follows query (capped at
 * {@code maxFollowees}) + one page query ({@code actorId $in followees}) + one batch of actors.
 * The following feed is built on read (pull): nothing is copied per follower on write, so a
 * member with many followers costs no more than anyone else, and follow/unfollow take effect
 * on the next read without backfilling or cleaning any inbox.
 */
public final class Feeds {

	private final EntryStore store;

	private final int maxFollowees;

	public Feeds(EntryStore store, int maxFollowees) {
		this.store = store;
		this.maxFollowees = maxFollowees;
	}

	public Mono<Page> notifications(String memberId, @Nullable Cursor cursor, int limit) {
		return this.store.page(EntryStore.NOTIFICATIONS, "ownerId", List.of(memberId), cursor, limit)
			.flatMap(entries -> render(entries, limit));
	}

	public Mono<Page> following(String memberId, @Nullable Cursor cursor, int limit) {
		return this.store.followees(memberId, this.maxFollowees).flatMap(followees -> followees.isEmpty()
				? Mono.just(new Page(List.of(), null))
				: this.store.page(EntryStore.ACTIVITIES, "actorId", followees, cursor, limit)
					.flatMap(entries -> render(entries, limit)));
	}

	private Mono<Page> render(List<Entry> entries, int limit) {
		List<Entry> page = entries.subList(0, Math.min(limit, entries.size()));
		String next = (entries.size() > limit) ? new Cursor(page.getLast().at(), page.getLast().key()).encode() : null;
		Set<String> ids = new LinkedHashSet<>();
		for (Entry entry : page) {
			ids.add(entry.actorId());
			if (entry.targetMemberId() != null) {
				ids.add(entry.targetMemberId());
			}
		}
		return this.store.members(ids).map(members -> new Page(page.stream().map(e -> item(e, members)).toList(), next));
	}

	private static Item item(Entry entry, Map<String, MemberRecord> members) {
		return new Item(entry.key(), entry.kind(), member(entry.actorId(), members), entry.postId(), entry.commentId(),
				entry.trackId(), entry.artistId(),
				(entry.targetMemberId() != null) ? member(entry.targetMemberId(), members) : null, entry.roomId(),
				entry.text(), entry.at());
	}

	private static MemberRef member(String id, Map<String, MemberRecord> members) {
		MemberRecord known = members.get(id);
		return (known != null) ? new MemberRef(id, known.handle(), known.displayName()) : new MemberRef(id, null, null);
	}

	/** A page and the cursor of the next one ({@code null} on the last page). */
	public record Page(List<Item> items, @Nullable String nextCursor) {
	}

	/** One notification or activity as clients see it. */
	public record Item(String id, String kind, MemberRef actor, @Nullable String postId, @Nullable String commentId,
			@Nullable String trackId, @Nullable String artistId, @Nullable MemberRef targetMember,
			@Nullable String roomId, @Nullable String text, Instant at) {
	}

	/** A member as shown next to an item; handle and name are null until this service has heard of them. */
	public record MemberRef(String id, @Nullable String handle, @Nullable String displayName) {
	}

}
