package io.chorus.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a stub service saw of a proxied request.
 *
 * @param headers    header values by lower-case name
 * @param bodyLength bytes of request body received
 */
public record Echo(String service, String method, String path, @Nullable String query,
		Map<String, List<String>> headers, long bodyLength) {

	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public boolean hasHeader(String name) {
		return this.headers.containsKey(name.toLowerCase(Locale.ROOT));
	}

}
