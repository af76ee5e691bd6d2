package io.chorus.platform.passport;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Verifies {@code X-Passport} on every request. No header: the request proceeds anonymously.
 * A header that fails verification: the request ends with a 401 problem (rendered by the global
 * error handler). A valid one: the passport becomes current in the Reactor context and is
 * exposed as the {@link Passports#EXCHANGE_ATTRIBUTE exchange attribute}.
 */
public final class PassportWebFilter implements WebFilter, Ordered {

	/** Early, so every other filter and handler sees the principal (Spring Security sits at -100). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private final PassportVerifier verifier;

	private final @Nullable ApplicationContext context;

	/**
	 * @param context the application context this filter serves; exchanges handled by another
	 *                context (the management child context on its own port, which WebFlux hands
	 *                the parent's filters too) pass untouched. {@code null} applies it everywhere.
	 */
	public PassportWebFilter(PassportVerifier verifier, @Nullable ApplicationContext context) {
		this.verifier = verifier;
		this.context = context;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> values = exchange.getRequest().getHeaders().get(Passports.HEADER);
		if (values == null || values.isEmpty() || !servedHere(exchange)) {
			return chain.filter(exchange);
		}
		if (values.size() > 1) {
			return Mono.error(new InvalidPassportException("more than one passport"));
		}
		return this.verifier.verifyToken(values.get(0)).flatMap((verified) -> {
			exchange.getAttributes().put(Passports.EXCHANGE_ATTRIBUTE, verified.passport());
			return chain.filter(exchange)
				.contextWrite(Passports.with(verified.passport(), verified.token()));
		});
	}

	private boolean servedHere(ServerWebExchange exchange) {
		ApplicationContext handling = exchange.getApplicationContext();
		return this.context == null || handling == null || handling == this.context;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
