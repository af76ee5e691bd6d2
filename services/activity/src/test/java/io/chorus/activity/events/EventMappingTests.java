package io.chorus.activity.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chorus.activity.domain.Change;
import io.chorus.activity.domain.Change.Collection;
import io.chorus.activity.domain.Entry;
import io.chorus.activity.domain.Keys;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.consumer.EventRejectedException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EventMappingTests {

	private static final Instant AT = Instant.parse("2026-12-06T22:00:00Z");

	@Test
	void aFollowNotifiesTheFolloweeAndIsAnActivityOfTheFollower() {
		List<Change> changes = EventMapping.map(event("member", "member", "followed", "ann",
				Map.of("followerId", "ann", "followeeId", "bob", "at", AT.toString())));

		assertThat(changes).filteredOn(Change.Follow.class::isInstance).singleElement().satisfies(c -> {
			Change.Follow follow = (Change.Follow) c;
			assertThat(follow.active()).isTrue();
			assertThat(follow.key()).isEqualTo(Keys.follow("ann", "bob"));
		});
		assertThat(notifications(changes)).singleElement().satisfies(n -> {
			assertThat(n.ownerId()).isEqualTo("bob");
			assertThat(n.actorId()).isEqualTo("ann");
			assertThat(n.kind()).isEqualTo("FOLLOWED");
			assertThat(n.at()).isEqualTo(AT);
		});
		assertThat(activities(changes)).singleElement()
			.satisfies(a -> assertThat(a.targetMemberId()).isEqualTo("bob"));
	}

	@Test
	void entriesOfTheSameFactShareAKeySoRedeliveryWritesTheSameDocument() {
		CloudEvent like = event("content", "post", "liked", "p1",
				Map.of("postId", "p1", "postAuthorId", "ann", "memberId", "bob", "at", AT.toString()));

		assertThat(EventMapping.map(like)).isEqualTo(EventMapping.map(like));
		assertThat(notifications(EventMapping.map(like))).singleElement()
			.satisfies(n -> assertThat(n.key()).isEqualTo(Keys.postLike("p1", "bob")));
	}

	@Test
	void eachOfflineRecipientOfAChatMessageIsNotifiedOnce() {
		CloudEvent posted = event("chat", "message", "posted", "room-1", Map.of("messageId", "m1", "roomId", "room-1",
				"seq", 4, "senderId", "ann", "body", "hi there", "sentAt", AT.toString(), "offlineRecipients",
				List.of("bob", "cid", "ann")));

		List<Entry> notified = notifications(EventMapping.map(posted));

		// the sender is never notified of their own message, even if listed
		assertThat(notified).extracting(Entry::ownerId).containsExactly("bob", "cid");
		assertThat(notified).allSatisfy(n -> {
			assertThat(n.kind()).isEqualTo("CHAT_MESSAGE");
			assertThat(n.actorId()).isEqualTo("ann");
			assertThat(n.roomId()).isEqualTo("room-1");
			assertThat(n.text()).isEqualTo("hi there");
		});
		assertThat(notified).extracting(Entry::key)
			.containsExactly(Keys.chatMessage("m1", "bob"), Keys.chatMessage("m1", "cid"));
		assertThat(activities(EventMapping.map(posted))).isEmpty();
	}

	@Test
	void aChatMessageWithoutRecipientsIsRejected() {
		assertThatThrownBy(() -> EventMapping.map(event("chat", "message", "posted", "room-1",
				Map.of("messageId", "m1", "roomId", "room-1", "senderId", "ann", "offlineRecipients", "bob"))))
			.isInstanceOf(EventRejectedException.class)
			.hasMessageContaining("offlineRecipients");
	}

	@Test
	void selfActionsAreNotNotified() {
		assertThat(notifications(EventMapping.map(event("member", "member", "followed", "ann",
				Map.of("followerId", "ann", "followeeId", "ann", "at", AT.toString()))))).isEmpty();
		assertThat(notifications(EventMapping.map(event("content", "post", "liked", "p1",
				Map.of("postId", "p1", "postAuthorId", "ann", "memberId", "ann", "at", AT.toString()))))).isEmpty();
		assertThat(notifications(EventMapping.map(comment("c1", "ann", "ann", "c0", "ann")))).isEmpty();
		assertThat(notifications(EventMapping.map(event("content", "comment", "liked", "p1", Map.of("commentId", "c1",
				"postId", "p1", "commentAuthorId", "ann", "memberId", "ann", "at", AT.toString()))))).isEmpty();
	}

	@Test
	void aSelfActionIsStillAnActivityForFollowers() {
		assertThat(activities(EventMapping.map(comment("c1", "ann", "ann", null, null)))).singleElement()
			.satisfies(a -> assertThat(a.kind()).isEqualTo("COMMENTED"));
	}

	@Test
	void aTopLevelCommentNotifiesThePostAuthor() {
		assertThat(notifications(EventMapping.map(comment("c1", "ann", "bob", null, null)))).singleElement()
			.satisfies(n -> {
				assertThat(n.ownerId()).isEqualTo("ann");
				assertThat(n.kind()).isEqualTo("POST_COMMENTED");
				assertThat(n.key()).isEqualTo(Keys.comment("c1"));
				assertThat(n.text()).isEqualTo("text of c1");
			});
	}

	@Test
	void aReplyNotifiesTheParentAuthorAndThePostAuthor() {
		assertThat(notifications(EventMapping.map(comment("c2", "ann", "bob", "c1", "cid"))))
			.extracting(Entry::ownerId, Entry::kind)
			.containsExactlyInAnyOrder(tuple("cid", "COMMENT_REPLIED"),
					tuple("ann", "POST_COMMENTED"));
	}

	@Test
	void aReplyToThePostAuthorsOwnCommentIsOneNotification() {
		assertThat(notifications(EventMapping.map(comment("c2", "ann", "bob", "c1", "ann")))).singleElement()
			.satisfies(n -> assertThat(n.kind()).isEqualTo("COMMENT_REPLIED"));
	}

	@Test
	void aReplyToMyOwnCommentOnSomeoneElsesPostNotifiesOnlyThePostAuthor() {
		assertThat(notifications(EventMapping.map(comment("c2", "ann", "bob", "c1", "bob")))).singleElement()
			.satisfies(n -> {
				assertThat(n.ownerId()).isEqualTo("ann");
				assertThat(n.kind()).isEqualTo("POST_COMMENTED");
			});
	}

	@Test
	void unlikeRemovesTheLikeNotificationAndActivityByTheirKey() {
		List<Change> changes = EventMapping.map(event("content", "post", "unliked", "p1",
				Map.of("postId", "p1", "postAuthorId", "ann", "memberId", "bob", "at", AT.toString())));

		assertThat(changes).containsExactlyInAnyOrder(
				new Change.Remove(Collection.ACTIVITIES, Keys.postLike("p1", "bob"), AT, version(changes)),
				new Change.Remove(Collection.NOTIFICATIONS, Keys.postLike("p1", "bob"), AT, version(changes)));
	}

	@Test
	void deletingACommentRemovesItsNotificationsAndEverythingReferringToIt() {
		List<Change> changes = EventMapping.map(event("content", "comment", "deleted", "p1",
				Map.of("commentId", "c1", "postId", "p1", "authorId", "bob", "deletedAt", AT.toString(), "version", 2)));

		assertThat(changes).filteredOn(Change.Remove.class::isInstance)
			.extracting(c -> ((Change.Remove) c).key())
			.containsExactlyInAnyOrder(Keys.comment("c1"), Keys.comment("c1"), Keys.reply("c1"));
		assertThat(changes).contains(new Change.RemoveReferring("commentId", "c1"));
	}

	@Test
	void aPublishedTrackIsAnActivityOfItsOwner() {
		assertThat(activities(EventMapping.map(event("music", "track", "published", "t1",
				Map.of("trackId", "t1", "artistId", "a1", "artistName", "A", "ownerId", "ann", "title", "Song",
						"durationMs", 1000, "contentType", "audio/mpeg", "createdAt", AT.toString())))))
			.singleElement()
			.satisfies(a -> {
				assertThat(a.actorId()).isEqualTo("ann");
				assertThat(a.kind()).isEqualTo("TRACK_PUBLISHED");
				assertThat(a.text()).isEqualTo("Song");
			});
	}

	@Test
	void profilesAreKeptForRendering() {
		assertThat(EventMapping.map(event("member", "member", "profile-updated", "ann", Map.of("memberId", "ann",
				"handle", "ann2", "displayName", "Ann", "changed", List.of("handle")))))
			.singleElement()
			.isInstanceOfSatisfying(Change.Member.class, m -> assertThat(m.handle()).isEqualTo("ann2"));
	}

	@Test
	void deactivationHidesTheMember() {
		assertThat(EventMapping.map(event("member", "member", "deactivated", "ann",
				Map.of("memberId", "ann", "handle", "ann", "at", AT.toString()))))
			.singleElement()
			.isInstanceOfSatisfying(Change.MemberDeactivated.class, m -> assertThat(m.memberId()).isEqualTo("ann"));
	}

	@Test
	void unknownAndIgnoredTypesCauseNothing() {
		assertThat(EventMapping.map(event("content", "post", "archived", "p1", Map.of("postId", "p1")))).isEmpty();
		assertThat(EventMapping.map(event("music", "track", "played", "t1", Map.of("playId", "x")))).isEmpty();
		assertThat(EventMapping.map(event("content", "post", "updated", "p1", Map.of("postId", "p1")))).isEmpty();
	}

	@Test
	void unknownFieldsAreIgnored() {
		Map<String, Object> data = new LinkedHashMap<>(
				Map.of("postId", "p1", "postAuthorId", "ann", "memberId", "bob", "at", AT.toString()));
		data.put("somethingNew", Map.of("nested", true));

		assertThat(notifications(EventMapping.map(event("content", "post", "liked", "p1", data)))).hasSize(1);
	}

	@Test
	void aKnownTypeWithoutARequiredFieldIsRejected() {
		assertThatThrownBy(() -> EventMapping.map(event("content", "post", "liked", "p1",
				Map.of("postId", "p1", "memberId", "bob", "at", AT.toString()))))
			.isInstanceOf(EventRejectedException.class)
			.hasMessageContaining("postAuthorId");
		assertThatThrownBy(() -> EventMapping.map(event("member", "member", "followed", "ann",
				Map.of("followerId", 42, "followeeId", "bob"))))
			.isInstanceOf(EventRejectedException.class)
			.hasMessageContaining("followerId");
	}

	@Test
	void longTextIsCut() {
		String text = "x".repeat(500);
		Map<String, Object> data = Map.of("postId", "p1", "authorId", "ann", "text", text, "imageIds", List.of(),
				"createdAt", AT.toString(), "version", 1);

		assertThat(activities(EventMapping.map(event("content", "post", "created", "p1", data)))).singleElement()
			.satisfies(a -> assertThat(a.text()).hasSize(Entry.MAX_TEXT).endsWith("…"));
	}

	private static CloudEvent comment(String commentId, String postAuthor, String author, String parentId,
			String parentAuthor) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("commentId", commentId);
		data.put("postId", "p1");
		data.put("postAuthorId", postAuthor);
		data.put("authorId", author);
		if (parentId != null) {
			data.put("parentId", parentId);
			data.put("parentAuthorId", parentAuthor);
		}
		data.put("text", "text of " + commentId);
		data.put("createdAt", AT.toString());
		data.put("version", 1);
		return event("content", "comment", "created", "p1", data);
	}

	private static CloudEvent event(String service, String entity, String verb, String subject, Map<String, ?> data) {
		return CloudEvent.of("01970000-0000-7000-8000-00000000000" + (data.size() % 10), CloudEvent.type(service, entity, verb),
				"/chorus/test", subject, AT, JsonMapper.shared().valueToTree(data));
	}

	private static String version(List<Change> changes) {
		return ((Change.Remove) changes.getFirst()).version();
	}

	private static List<Entry> notifications(List<Change> changes) {
		return entries(changes, Collection.NOTIFICATIONS);
	}

	private static List<Entry> activities(List<Change> changes) {
		return entries(changes, Collection.ACTIVITIES);
	}

	private static List<Entry> entries(List<Change> changes, Collection collection) {
		return changes.stream()
			.filter(Change.Put.class::isInstance)
			.map(Change.Put.class::cast)
			.filter(p -> p.collection() == collection)
			.map(Change.Put::entry)
			.toList();
	}

}
