package io.chorus.platform.testapp;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A request body with constraints, as a service would have. */
public record NewTrack(@NotBlank String title, @Positive int durationMs, @Size(max = 3) List<@NotBlank String> tags) {

	public NewTrack {
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

}
