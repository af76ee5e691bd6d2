package io.chorus.music.domain;

import io.chorus.platform.passport.Roles;
import io.chorus.platform.passport.Passport;
import io.chorus.platform.web.ProblemException;

/** Who may change what: the owner, or a member with the admin role ({@link Roles#ADMIN}). */
public final class Access {

	private Access() {
	}

	public static boolean mayChange(Passport member, String ownerId) {
		return member.memberId().equals(ownerId) || member.hasRole(Roles.ADMIN);
	}

	public static void requireOwnerOrAdmin(Passport member, String ownerId, String what) {
		if (!mayChange(member, ownerId)) {
			throw ProblemException.forbidden("Only the owner of this " + what + " may change it.");
		}
	}

	public static void requireOwner(Passport member, String ownerId, String what) {
		if (!member.memberId().equals(ownerId)) {
			throw ProblemException.forbidden("Only the owner of this " + what + " may change it.");
		}
	}

}
