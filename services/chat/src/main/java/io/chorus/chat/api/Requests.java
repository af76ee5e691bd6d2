package io.chorus.chat.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Request bodies of the HTTP API, validated by the starter's {@code RequestValidator} (400 with the fields). */
final class Requests {

	/** What {@code Limits.validId} accepts: printable ASCII without space, quote, backslash or bar. */
	static final String ID = "[\\x21\\x23-\\x5B\\x5D-\\x7B\\x7D\\x7E]{1,64}";

	private Requests() {
	}

	record CreateRoom(@NotNull @Pattern(regexp = "direct|group", message = "must be direct or group") String kind,
			@Nullable @Size(max = 100) String name,
			@NotNull @Size(min = 1, max = 1000) List<@NotNull @Pattern(regexp = ID, message = "must be a member id") String> memberIds) {
	}

	record AddMember(@NotNull @Pattern(regexp = ID, message = "must be a member id") String memberId) {
	}

	record MarkRead(@NotNull @PositiveOrZero Long seq) {
	}

}
