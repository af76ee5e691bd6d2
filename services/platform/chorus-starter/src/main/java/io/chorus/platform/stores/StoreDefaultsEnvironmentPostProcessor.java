package io.chorus.platform.stores;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Store timeouts every service inherits (lowest precedence: any configuration overrides them).
 * Each bound is well below the gateway's 10 s per route (the mesh's per-try timeout too), so a
 * store outage becomes a quick 503 from the service instead of a gateway 504 after a hung request,
 * and a Lettuce client no longer waits its 60 s default.
 */
public final class StoreDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding these defaults. */
	public static final String PROPERTY_SOURCE_NAME = "chorusStoreDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Redis: every command, and a (re)connect.
		defaults.put("spring.data.redis.timeout", "2s");
		defaults.put("spring.data.redis.connect-timeout", "1s");
		// R2DBC: a new connection, waiting for a pooled one, and its validation. (Statements on a
		// hung connection end with the pool's validation of the next acquire; requests also end
		// at the gateway's timeout.)
		defaults.put("spring.r2dbc.properties.connectTimeout", "PT2S");
		defaults.put("spring.r2dbc.properties.tcpKeepAlive", "true");
		defaults.put("spring.r2dbc.pool.max-create-connection-time", "2s");
		// Queueing for a pooled connection behind busy transactions is normal (row-lock contention
		// on a slow machine took over 3 s in content's tests); only a wait that would use most of
		// the gateway's 10 s is treated as an outage.
		defaults.put("spring.r2dbc.pool.max-acquire-time", "8s");
		defaults.put("spring.r2dbc.pool.max-validation-time", "1s");
		// The starter's migrations (db/chorus, V0_x) and the service's (db/<service>, V1...) are
		// independent streams: a new V0_x must still apply to a database already at the service's V5.
		defaults.put("spring.flyway.out-of-order", "true");
		// Mongo's bounds are set in code (StoreTimeoutsAutoConfiguration): Boot has no properties for them.
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
