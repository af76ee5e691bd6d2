package io.chorus.gateway.domain;

import java.time.Instant;
import java.util.List;

/**
 * An access token whose signature, issuer and times checked out.
 *
 * @param memberId   the {@code sub} claim
 * @param handle     the member's handle at issue time
 * @param roles      the member's roles at issue time
 * @param jti        the token id, the key of a single-token revocation
 * @param issuedAt   {@code iat}, compared with a member's revoked-before mark
 * @param expiresAt  {@code exp}, bounds how long a revocation mark must live
 * @param retiredKey signed by a key that is still valid but no longer member's current one: the
 *                   client should refresh soon
 */
public record AccessToken(String memberId, String handle, List<String> roles, String jti, Instant issuedAt,
		Instant expiresAt, boolean retiredKey) {

	public AccessToken {
		roles = List.copyOf(roles);
	}

	public AccessToken withRetiredKey(boolean retired) {
		return (retired == this.retiredKey) ? this
				: new AccessToken(this.memberId, this.handle, this.roles, this.jti, this.issuedAt, this.expiresAt, retired);
	}

}
