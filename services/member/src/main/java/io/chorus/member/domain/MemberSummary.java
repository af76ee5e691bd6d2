package io.chorus.member.domain;

import org.jspecify.annotations.Nullable;

/** The public card of a member, as other services and lists show it. */
public record MemberSummary(String id, String handle, String displayName, @Nullable String avatarUrl) {
}
