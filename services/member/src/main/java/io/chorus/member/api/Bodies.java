package io.chorus.member.api;

import java.util.List;

import io.chorus.member.domain.FollowEdge;
import io.chorus.member.domain.Follows;
import io.chorus.member.domain.Member;
import io.chorus.member.domain.MemberSummary;
import io.chorus.member.domain.Session;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the member API. */
final class Bodies {

	private Bodies() {
	}

	record SignupRequest(@Nullable String email, @Nullable String password, @Nullable String handle,
			@Nullable String displayName) {
	}

	record LoginRequest(@Nullable String email, @Nullable String password) {
	}

	record HandleRequest(@Nullable String handle) {
	}

	record SummariesRequest(@Nullable List<@Nullable String> ids) {
	}

	/** Login and refresh answer. */
	record TokenResponse(String accessToken, String tokenType, long expiresIn, MemberRef member) {

		static TokenResponse of(Session session) {
			MemberSummary m = session.member();
			return new TokenResponse(session.accessToken(), "Bearer", session.accessTokenLifetime().toSeconds(),
					new MemberRef(m.id(), m.handle(), m.displayName()));
		}

	}

	record MemberRef(String id, String handle, String displayName) {
	}

	/** A public profile. */
	record Profile(String id, String handle, String displayName, @Nullable String bio, @Nullable String avatarUrl,
			long followerCount, long followingCount, String createdAt) {

		static Profile of(Member m) {
			return new Profile(m.id(), m.handle(), m.displayName(), m.bio(), m.avatarUrl(), m.followerCount(),
					m.followingCount(), m.createdAt().toString());
		}

	}

	/** The caller's own profile: the public one plus email and roles. */
	record OwnProfile(String id, String handle, String displayName, @Nullable String bio, @Nullable String avatarUrl,
			long followerCount, long followingCount, String createdAt, String email, List<String> roles) {

		static OwnProfile of(Member m) {
			return new OwnProfile(m.id(), m.handle(), m.displayName(), m.bio(), m.avatarUrl(), m.followerCount(),
					m.followingCount(), m.createdAt().toString(), m.email(), m.roles());
		}

	}

	record Items<T>(List<T> items) {
	}

	record PageBody(List<FollowItem> items, @Nullable String nextCursor) {

		static PageBody of(Follows.Page page) {
			return new PageBody(page.items().stream().map(FollowItem::of).toList(), page.nextCursor());
		}

	}

	record FollowItem(String id, String handle, String displayName, @Nullable String avatarUrl, String followedAt) {

		static FollowItem of(FollowEdge edge) {
			MemberSummary m = edge.member();
			return new FollowItem(m.id(), m.handle(), m.displayName(), m.avatarUrl(), edge.followedAt().toString());
		}

	}

	record RecommendationItem(String id, String handle, String displayName, @Nullable String avatarUrl,
			String reason) {

		static RecommendationItem of(Follows.Recommendation r) {
			MemberSummary m = r.member();
			return new RecommendationItem(m.id(), m.handle(), m.displayName(), m.avatarUrl(), r.reason());
		}

	}

}
