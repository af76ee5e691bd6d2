package io.chorus.content.store;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;

final class Binds {

	private Binds() {
	}

	static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
			@Nullable String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

}
