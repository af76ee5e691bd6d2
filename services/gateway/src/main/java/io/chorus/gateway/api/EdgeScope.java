package io.chorus.gateway.api;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells public requests from management-port ones. The management server's handler also picks up
 * this context's WebFilters, and health probes must not be rate-limited, authenticated or need
 * Redis: every edge filter skips exchanges handled by another (the management child) context.
 */
public final class EdgeScope {

	private final ApplicationContext context;

	public EdgeScope(ApplicationContext context) {
		this.context = context;
	}

	/** Whether the edge policy applies: the exchange is served by the public application context. */
	public boolean applies(ServerWebExchange exchange) {
		@Nullable ApplicationContext handling = exchange.getApplicationContext();
		return handling == null || handling == this.context;
	}

}
