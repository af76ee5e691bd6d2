package io.chorus.music.store;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.Parameter;

/** Typed null binds (R2DBC needs the type of a null parameter). */
final class Nulls {

	private Nulls() {
	}

	static Parameter string(@Nullable String value) {
		return Parameter.fromOrEmpty(value, String.class);
	}

}
