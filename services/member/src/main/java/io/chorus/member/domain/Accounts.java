package io.chorus.member.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chorus.member.events.MemberEvents;
import io.chorus.member.store.DuplicateMemberException;
import io.chorus.member.store.FollowStore;
import io.chorus.member.store.MemberStore;
import io.chorus.member.store.RefreshTokenStore;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.passport.Roles;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionalOperator;

/** Signup, login and deactivation. */
public final class Accounts {

	private final MemberStore members;

	private final FollowStore follows;

	private final RefreshTokenStore refreshTokens;

	private final Passwords passwords;

	private final Throttles throttles;

	private final Sessions sessions;

	private final MemberEvents events;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	public Accounts(MemberStore members, FollowStore follows, RefreshTokenStore refreshTokens, Passwords passwords,
			Throttles throttles, Sessions sessions, MemberEvents events, TransactionalOperator tx, EventIds ids,
			Clock clock) {
		this.members = members;
		this.follows = follows;
		this.refreshTokens = refreshTokens;
		this.passwords = passwords;
		this.throttles = throttles;
		this.sessions = sessions;
		this.events = events;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
	}

	/**
	 * Creates an account with role {@link Roles#MEMBER} ({@link Roles#ADMIN} is granted by operators). Input is validated first (400, nothing counted),
	 * then the per-IP signup quota is charged (429), then duplicates are refused (409 naming the
	 * field). The row and its registered event commit together.
	 */
	public Mono<Member> signup(@Nullable String rawEmail, @Nullable String password, @Nullable String rawHandle,
			@Nullable String rawDisplayName, String clientIp) {
		String email = (rawEmail != null) ? MemberRules.normalizeEmail(rawEmail) : null;
		String handle = (rawHandle != null) ? MemberRules.normalizeHandle(rawHandle) : null;
		String displayName = (rawDisplayName != null) ? rawDisplayName.strip() : null;
		List<Violation> violations = new ArrayList<>();
		MemberRules.email(email, violations);
		MemberRules.password(password, violations);
		MemberRules.handle(handle, violations);
		MemberRules.displayName(displayName, violations);
		if (!violations.isEmpty() || email == null || password == null || handle == null || displayName == null) {
			return Mono.error(Problems.validation(violations));
		}
		return this.throttles.signupAttempt(clientIp)
			.then(this.members.takenFields(email, handle))
			.flatMap((taken) -> taken.isEmpty() ? this.passwords.hash(password) : Mono.error(Problems.taken(taken)))
			.flatMap((hash) -> {
				Member member = new Member(this.ids.nextId(), email, handle, displayName, null, null, hash,
						List.of(Roles.MEMBER), Member.Status.ACTIVE, 0, 0, this.clock.instant());
				return this.tx.transactional(this.members.insert(member).then(this.events.registered(member)))
					.retryWhen(DeadlockRetry.spec())
					.thenReturn(member);
			})
			.onErrorMap(DuplicateMemberException.class, (ex) -> Problems.taken(List.of(ex.field())));
	}

	/**
	 * Checks the credentials and opens a session. Every failure (unknown email, wrong password,
	 * deactivated account) is the same 401 after the same Argon2 work; a locked account+address
	 * or address gets 429 without any password check.
	 */
	public Mono<Session> login(@Nullable String rawEmail, @Nullable String password, String clientIp) {
		List<Violation> violations = new ArrayList<>();
		if (rawEmail == null || rawEmail.isBlank()) {
			violations.add(new Violation("email", "is required"));
		}
		else if (rawEmail.length() > MemberRules.EMAIL_MAX) {
			violations.add(new Violation("email", "must be at most " + MemberRules.EMAIL_MAX + " characters"));
		}
		if (password == null || password.isEmpty()) {
			violations.add(new Violation("password", "is required"));
		}
		else if (password.length() > 4 * PasswordPolicy.MAX) {
			violations.add(new Violation("password", "is too long"));
		}
		if (!violations.isEmpty() || rawEmail == null || password == null) {
			return Mono.error(Problems.validation(violations));
		}
		String email = MemberRules.normalizeEmail(rawEmail);
		// Counted before the password check (see Throttles): a failure needs no second write.
		return this.throttles.loginAttempt(email, clientIp)
			.then(this.members.findByEmail(email).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.flatMap((found) -> this.passwords.matches(password, found.map(Member::passwordHash).orElse(null))
				.flatMap((ok) -> (ok && found.get().active())
						? this.throttles.loginSucceeded(email, clientIp).then(this.sessions.open(found.get()))
						: Mono.error(Problems::badCredentials)));
	}

	/** Deactivates the member: status, every refresh family, the follow graph and the event, atomically. */
	public Mono<Void> deactivate(String memberId) {
		Instant now = this.clock.instant();
		Mono<Void> change = this.members.findActiveById(memberId)
			.switchIfEmpty(Mono.error(Sessions::reloginRequired))
			.flatMap((member) -> this.members.deactivate(memberId, now)
				.then(this.refreshTokens.revokeMember(memberId))
				.then(this.follows.removeAllOf(memberId))
				.then(this.events.deactivated(member, now)));
		return this.tx.transactional(change);
	}

}
