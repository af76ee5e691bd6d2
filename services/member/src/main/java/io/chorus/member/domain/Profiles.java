package io.chorus.member.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.chorus.member.events.MemberEvents;
import io.chorus.member.store.DuplicateMemberException;
import io.chorus.member.store.MemberStore;
import io.chorus.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/** Reading and editing profiles. */
public final class Profiles {

	public static final int SUMMARIES_MAX = 100;

	private final MemberStore members;

	private final MemberEvents events;

	private final TransactionalOperator tx;

	private final Clock clock;

	private final ProfileCache cache;

	public Profiles(MemberStore members, MemberEvents events, TransactionalOperator tx, Clock clock,
			ProfileCache cache) {
		this.members = members;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
		this.cache = cache;
	}

	/** The caller's own account; a deactivated one no longer has a session. */
	public Mono<Member> me(String memberId) {
		return this.members.findActiveById(memberId).switchIfEmpty(Mono.error(Sessions::reloginRequired));
	}

	public Mono<Member> byId(String id) {
		if (!MemberRules.isMemberId(id)) {
			return Mono.error(notFound());
		}
		return this.cache.get(id, this.members.findActiveById(id)).switchIfEmpty(Mono.error(Profiles::notFound));
	}

	public Mono<Member> byHandle(String rawHandle) {
		String handle = MemberRules.normalizeHandle(rawHandle);
		List<Violation> violations = new ArrayList<>();
		MemberRules.handle(handle, violations);
		if (!violations.isEmpty()) {
			return Mono.error(notFound());
		}
		return this.members.findActiveByHandle(handle).switchIfEmpty(Mono.error(Profiles::notFound));
	}

	/** Active members among {@code ids}, in request order, one query; unknown ids are left out. */
	public Mono<List<MemberSummary>> summaries(List<@Nullable String> ids) {
		if (ids.size() > SUMMARIES_MAX) {
			return Mono.error(Problems.validation(List.of(new Violation("ids", "at most " + SUMMARIES_MAX + " ids"))));
		}
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			String id = ids.get(i);
			if (id == null || !MemberRules.isMemberId(id)) {
				violations.add(new Violation("ids[" + i + "]", "is not a member id"));
			}
		}
		if (!violations.isEmpty()) {
			return Mono.error(Problems.validation(violations));
		}
		LinkedHashSet<String> unique = new LinkedHashSet<>();
		ids.forEach((id) -> unique.add(Objects.requireNonNull(id)));
		return this.members.findActiveSummaries(unique)
			.collectMap(MemberSummary::id, Function.identity())
			.map((byId) -> unique.stream().map(byId::get).filter(Objects::nonNull).toList());
	}

	/**
	 * Applies a partial update. {@code changes} holds only the fields the client sent (a null
	 * value clears bio or avatarUrl). Emits profile-updated when something changed.
	 */
	public Mono<Member> update(String memberId, Map<String, @Nullable String> changes) {
		return me(memberId).flatMap((current) -> {
			String displayName = changes.containsKey("displayName") ? strip(changes.get("displayName"))
					: current.displayName();
			String bio = changes.containsKey("bio") ? blankToNull(changes.get("bio")) : current.bio();
			String avatarUrl = changes.containsKey("avatarUrl") ? blankToNull(strip(changes.get("avatarUrl"))) : current.avatarUrl();
			List<Violation> violations = new ArrayList<>();
			MemberRules.displayName(displayName, violations);
			MemberRules.bio(bio, violations);
			MemberRules.avatarUrl(avatarUrl, violations);
			if (!violations.isEmpty() || displayName == null) {
				return Mono.error(Problems.validation(violations));
			}
			Member after = new Member(current.id(), current.email(), current.handle(), displayName, bio, avatarUrl,
					current.passwordHash(), current.roles(), current.status(), current.followerCount(),
					current.followingCount(), current.createdAt());
			List<String> changed = new ArrayList<>();
			if (!displayName.equals(current.displayName())) {
				changed.add("displayName");
			}
			if (!Objects.equals(bio, current.bio())) {
				changed.add("bio");
			}
			if (!Objects.equals(avatarUrl, current.avatarUrl())) {
				changed.add("avatarUrl");
			}
			if (changed.isEmpty()) {
				return Mono.just(current);
			}
			return this.tx
				.transactional(this.members.updateProfile(memberId, displayName, bio, avatarUrl, this.clock.instant())
					.then(this.events.profileUpdated(after, changed)))
				.doOnSuccess((done) -> this.cache.invalidate(memberId))
				.thenReturn(after);
		});
	}

	/** Changes the handle (409 if taken); emits profile-updated with "handle" changed. */
	public Mono<Member> changeHandle(String memberId, @Nullable String rawHandle) {
		String handle = (rawHandle != null) ? MemberRules.normalizeHandle(rawHandle) : null;
		List<Violation> violations = new ArrayList<>();
		MemberRules.handle(handle, violations);
		if (!violations.isEmpty() || handle == null) {
			return Mono.error(Problems.validation(violations));
		}
		return me(memberId).flatMap((current) -> {
			if (current.handle().equals(handle)) {
				return Mono.just(current);
			}
			Member after = new Member(current.id(), current.email(), handle, current.displayName(), current.bio(),
					current.avatarUrl(), current.passwordHash(), current.roles(), current.status(),
					current.followerCount(), current.followingCount(), current.createdAt());
			return this.tx
				.transactional(this.members.changeHandle(memberId, handle, this.clock.instant())
					.then(this.events.profileUpdated(after, List.of("handle"))))
				.doOnSuccess((done) -> this.cache.invalidate(memberId))
				.thenReturn(after)
				.onErrorMap(DuplicateMemberException.class, (ex) -> Problems.taken(List.of("handle")));
		});
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	static ProblemException notFound() {
		return ProblemException.notFound("No such member.");
	}

}
