package io.chorus.member.events;

import java.time.Instant;
import java.util.List;

import io.chorus.member.domain.Member;
import io.chorus.platform.events.CloudEvent;
import io.chorus.platform.events.CloudEventFactory;
import io.chorus.platform.events.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Member's events on {@value #TOPIC}, appended to the outbox inside the caller's transaction
 * (every method must run within it). Subject = the member the event is about; for follow events
 * the follower, so one member's follows stay in order.
 */
@Component
public class MemberEvents {

	public static final String TOPIC = "member.events";

	public static final String REGISTERED = CloudEvent.type("member", "member", "registered");

	public static final String PROFILE_UPDATED = CloudEvent.type("member", "member", "profile-updated");

	public static final String FOLLOWED = CloudEvent.type("member", "member", "followed");

	public static final String UNFOLLOWED = CloudEvent.type("member", "member", "unfollowed");

	public static final String DEACTIVATED = CloudEvent.type("member", "member", "deactivated");

	private final Outbox outbox;

	private final CloudEventFactory factory;

	public MemberEvents(Outbox outbox, CloudEventFactory factory) {
		this.outbox = outbox;
		this.factory = factory;
	}

	public Mono<Void> registered(Member member) {
		return append(REGISTERED, member.id(),
				new Registered(member.id(), member.handle(), member.displayName(), member.roles(), member.createdAt()));
	}

	public Mono<Void> profileUpdated(Member after, List<String> changed) {
		return append(PROFILE_UPDATED, after.id(), new ProfileUpdated(after.id(), after.handle(), after.displayName(),
				after.bio(), after.avatarUrl(), List.copyOf(changed)));
	}

	public Mono<Void> followed(String followerId, String followeeId, Instant at) {
		return append(FOLLOWED, followerId, new Follow(followerId, followeeId, at));
	}

	public Mono<Void> unfollowed(String followerId, String followeeId, Instant at) {
		return append(UNFOLLOWED, followerId, new Follow(followerId, followeeId, at));
	}

	public Mono<Void> deactivated(Member member, Instant at) {
		return append(DEACTIVATED, member.id(), new Deactivated(member.id(), member.handle(), at));
	}

	private Mono<Void> append(String type, String subject, Object data) {
		return Mono.defer(() -> this.outbox.append(TOPIC, this.factory.create(type, subject, data)));
	}

	/** {@code data} of {@code chorus.member.member.registered.v1}. */
	public record Registered(String memberId, String handle, String displayName, List<String> roles,
			Instant createdAt) {
	}

	/** {@code data} of {@code chorus.member.member.profile-updated.v1}; {@code changed} names the fields. */
	public record ProfileUpdated(String memberId, String handle, String displayName, @Nullable String bio,
			@Nullable String avatarUrl, List<String> changed) {
	}

	/** {@code data} of {@code chorus.member.member.followed.v1} and {@code ...unfollowed.v1}. */
	public record Follow(String followerId, String followeeId, Instant at) {
	}

	/** {@code data} of {@code chorus.member.member.deactivated.v1}. */
	public record Deactivated(String memberId, String handle, Instant at) {
	}

}
