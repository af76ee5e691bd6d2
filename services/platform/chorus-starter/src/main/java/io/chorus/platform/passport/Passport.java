package io.chorus.platform.passport;

import java.time.Instant;
import java.util.List;

/**
 * The verified identity of the member a request acts for, taken from the gateway's passport.
 *
 * @param memberId  the member id ({@code sub})
 * @param handle    the member's handle at minting time
 * @param roles     the member's roles
 * @param jti       the passport's unique id (for logs and audit)
 * @param expiresAt when the passport stops being valid
 */
public record Passport(String memberId, String handle, List<String> roles, String jti, Instant expiresAt) {

	public Passport {
		roles = List.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
