package io.chorus.member.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.chorus.member.store.MemberStore;
import io.chorus.member.store.RefreshTokenStore;
import io.chorus.member.store.RefreshTokenStore.StoredRefreshToken;
import io.chorus.platform.events.EventIds;
import io.chorus.platform.web.ProblemException;
import io.chorus.platform.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Access and refresh tokens. A refresh rotates the presented token: one atomic UPDATE decides the
 * single winner; any other use of a token that was already rotated is treated as theft and
 * revokes its whole family, so at no time do two valid refresh tokens descend from one.
 */
public final class Sessions {

	/** Tells the web client that only a new login helps. */
	public static final String RELOGIN_HEADER = "X-Relogin-Required";

	private static final Logger log = LoggerFactory.getLogger(Sessions.class);

	private final MemberStore members;

	private final RefreshTokenStore refreshTokens;

	private final SigningKeyRing keys;

	private final AccessTokens accessTokens;

	private final RefreshTokens tokenFactory;

	private final Crypto crypto;

	private final TransactionalOperator tx;

	private final EventIds ids;

	private final Clock clock;

	private final Duration refreshLifetime;

	public Sessions(MemberStore members, RefreshTokenStore refreshTokens, SigningKeyRing keys, AccessTokens accessTokens,
			RefreshTokens tokenFactory, Crypto crypto, TransactionalOperator tx, EventIds ids, Clock clock,
			Duration refreshLifetime) {
		this.members = members;
		this.refreshTokens = refreshTokens;
		this.keys = keys;
		this.accessTokens = accessTokens;
		this.tokenFactory = tokenFactory;
		this.crypto = crypto;
		this.tx = tx;
		this.ids = ids;
		this.clock = clock;
		this.refreshLifetime = refreshLifetime;
	}

	/** A new session (new refresh family) for a member who just proved their password. */
	public Mono<Session> open(Member member) {
		String familyId = this.ids.nextId();
		return this.keys.current().flatMap((key) -> issue(key, member, familyId));
	}

	/** Rotates {@code presented}; 401 + {@value #RELOGIN_HEADER} for anything but a fresh token. */
	public Mono<Session> refresh(String presented) {
		if (!RefreshTokens.looksValid(presented)) {
			return Mono.error(reloginRequired());
		}
		String hash = RefreshTokens.hash(presented);
		return this.refreshTokens.find(hash)
			.switchIfEmpty(Mono.error(Sessions::reloginRequired))
			.flatMap((stored) -> rotate(hash, stored));
	}

	private Mono<Session> rotate(String hash, StoredRefreshToken stored) {
		Instant now = this.clock.instant();
		if (stored.revoked() || !stored.expiresAt().isAfter(now)) {
			return Mono.error(reloginRequired());
		}
		if (stored.rotatedAt() != null) {
			return reuseDetected(stored);
		}
		// The key is fetched first: a rotation it may trigger must not join this transaction.
		return this.keys.current().flatMap((key) -> {
			Mono<Session> winner = this.refreshTokens.markRotated(hash, now).flatMap((won) -> {
				if (!won) {
					return Mono.error(new LostRotation());
				}
				return this.members.findActiveById(stored.memberId())
					.switchIfEmpty(Mono.error(Sessions::reloginRequired))
					.flatMap((member) -> issue(key, member, stored.familyId()));
			});
			// The UPDATE and the successor's INSERT commit together; a loser's transaction writes
			// nothing and then revokes the family in its own.
			return this.tx.transactional(winner).onErrorResume(LostRotation.class, (ex) -> reuseDetected(stored));
		});
	}

	private Mono<Session> reuseDetected(StoredRefreshToken stored) {
		log.warn("Refresh token reuse in family {} of member {}: revoking the family", stored.familyId(),
				stored.memberId());
		return this.refreshTokens.revokeFamily(stored.familyId()).then(Mono.error(theftDetected(stored.memberId())));
	}

	private Mono<Session> issue(SigningKey key, Member member, String familyId) {
		return this.crypto.run(() -> {
			AccessTokens.Issued access = this.accessTokens.issue(key, member.id(), member.handle(), member.roles());
			return new Minted(access, this.tokenFactory.next());
		}).flatMap((minted) -> {
			Instant now = this.clock.instant();
			return this.refreshTokens
				.insert(RefreshTokens.hash(minted.refreshToken()), familyId, member.id(), now,
						now.plus(this.refreshLifetime))
				.thenReturn(new Session(minted.access().token(), this.accessTokens.lifetime(), minted.refreshToken(),
						this.refreshLifetime, member.summary()));
		});
	}

	/** Revokes the family of {@code presented}, if it is a known token. */
	public Mono<Void> logout(String presented) {
		if (!RefreshTokens.looksValid(presented)) {
			return Mono.empty();
		}
		return this.refreshTokens.find(RefreshTokens.hash(presented))
			.flatMap((stored) -> this.refreshTokens.revokeFamily(stored.familyId()))
			.then();
	}

	/** Revokes every refresh family of the member. */
	public Mono<Void> logoutAll(String memberId) {
		return this.refreshTokens.revokeMember(memberId).then();
	}

	public static ProblemException reloginRequired() {
		return ProblemException.of(HttpStatus.UNAUTHORIZED)
			.type(ProblemTypes.BLANK)
			.detail("The session has ended; sign in again.")
			.header(RELOGIN_HEADER, "true")
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.build();
	}

	/**
	 * Relogin, plus {@value #REVOKE_SESSIONS_HEADER}: the gateway (which strips it) revokes every
	 * access token of the member issued until now, so the thief's access token stops with the
	 * stolen refresh family.
	 */
	static ProblemException theftDetected(String memberId) {
		return ProblemException.of(HttpStatus.UNAUTHORIZED)
			.type(ProblemTypes.BLANK)
			.detail("The session has ended; sign in again.")
			.header(RELOGIN_HEADER, "true")
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.header(REVOKE_SESSIONS_HEADER, memberId)
			.build();
	}

	/** Member to gateway only: the gateway reads it on the refresh answer and never forwards it. */
	public static final String REVOKE_SESSIONS_HEADER = "X-Internal-Revoke-Sessions-Of";

	private record Minted(AccessTokens.Issued access, String refreshToken) {
	}

	/** Another request rotated the same token between our read and our UPDATE. */
	private static final class LostRotation extends RuntimeException {

		LostRotation() {
			super(null, null, false, false);
		}

	}

}
