package io.chorus.platform.web;

import java.nio.charset.StandardCharsets;

import io.chorus.platform.observability.TraceIds;
import io.chorus.platform.stores.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one error handler of a Chorus service: every exception that escapes a filter, an annotated
 * controller or a functional route ends here as {@code application/problem+json}. Runs before
 * Boot's handler (which backs off, as this is an {@link ErrorWebExceptionHandler}) and before
 * WebFlux's status handler.
 */
public final class ProblemWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

	/** Before Boot's {@code DefaultErrorWebExceptionHandler} (-1) and WebFlux's handler (0). */
	public static final int ORDER = -2;

	private static final Logger logger = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

	private final JsonMapper jsonMapper;

	private final TraceIds traceIds;

	public ProblemWebExceptionHandler(JsonMapper jsonMapper, TraceIds traceIds) {
		this.jsonMapper = jsonMapper;
		this.traceIds = traceIds;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Too late for a problem body; let the server abort the connection.
			return Mono.error(ex);
		}
		ProblemException problem = ProblemMapper.map(ex);
		String traceId = this.traceIds.current(exchange);
		String path = exchange.getRequest().getPath().value();
		log(problem, ex, traceId, exchange);
		Problem body = new Problem(problem.type(), problem.title(), problem.status().value(), problem.detail(), path,
				traceId, problem.errors());
		byte[] json = serialize(body);
		response.setStatusCode(problem.status());
		response.getHeaders().clearContentHeaders();
		response.getHeaders().addAll(problem.headers());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(json.length);
		DataBuffer buffer = response.bufferFactory().wrap(json);
		return response.writeWith(Mono.just(buffer));
	}

	private byte[] serialize(Problem body) {
		try {
			return this.jsonMapper.writeValueAsBytes(body);
		}
		catch (RuntimeException ex) {
			// Cannot happen for this record with a sane mapper; still never fail while failing.
			logger.error("Could not serialize problem body", ex);
			return ("{\"status\":" + body.status() + ",\"traceId\":\"" + body.traceId() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		}
	}

	private static void log(ProblemException problem, Throwable ex, String traceId, ServerWebExchange exchange) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		int status = problem.status().value();
		if (!problem.status().is5xxServerError()) {
			logger.debug("{} answered {}: {} [traceId={}]", request, status, problem.detail(), traceId);
		}
		else if (ex instanceof ProblemException || ex instanceof ErrorResponse) {
			// A deliberate 5xx (e.g. a failed downstream call): detail and cause say enough.
			logger.warn("{} answered {}: {} [traceId={}] {}", request, status, problem.detail(), traceId,
					// toString, not the Throwable: logback would print a Throwable's stack trace.
					(ex.getCause() != null) ? ex.getCause().toString() : "");
		}
		else if (Outages.isOutage(ex)) {
			// A store outage: one line per request, no stack trace (there would be thousands).
			logger.warn("{} answered {}: {} [traceId={}] {}", request, status, problem.detail(), traceId, ex.toString());
		}
		else {
			// Unknown failure: the stack trace goes to the log, tagged with the traceId the client
			// sees; never to the body.
			logger.error("{} failed with {} [traceId={}]", request, status, traceId, ex);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
