package io.chorus.gateway.store;

/**
 * The gateway's Redis key families, all under the deployment's {@code chorus.redis.key-prefix}.
 * <ul>
 * <li>{@code gw:revoked:{jti}} — one revoked access token, until it would have expired (value: that
 * expiry, epoch seconds)</li>
 * <li>{@code gw:revoked-before:{memberId}} — epoch seconds; tokens issued at or before it are
 * revoked (logout-all, deactivation); lives one access-token lifetime</li>
 * <li>{@code gw:rl:{member|ip}:{id}} — general token bucket (hash: tokens, ts)</li>
 * <li>{@code gw:rl:auth:{member|ip}:{id}} — the stricter bucket for {@code /api/auth/**}</li>
 * <li>{@code gw:revocations} — pub/sub channel: every revocation, so each replica applies it at
 * once ({@code t:<expiry epoch s>:<jti>} or {@code b:<mark epoch s>:<memberId>})</li>
 * </ul>
 */
public record RedisKeys(String prefix) {

	public String revoked(String jti) {
		return this.prefix + "gw:revoked:" + jti;
	}

	public String revokedBefore(String memberId) {
		return this.prefix + "gw:revoked-before:" + memberId;
	}

	public String revocationChannel() {
		return this.prefix + "gw:revocations";
	}

	/**
	 * @param auth whether this is the stricter bucket of the auth endpoints
	 * @param kind {@code member} (keyed by member id) or {@code ip} (anonymous, keyed by address)
	 * @param id   the member id or the client address
	 */
	public String rateLimit(boolean auth, String kind, String id) {
		return this.prefix + "gw:rl:" + (auth ? "auth:" : "") + kind + ":" + id;
	}

}
