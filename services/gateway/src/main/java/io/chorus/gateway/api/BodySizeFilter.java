package io.chorus.gateway.api;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Caps request bodies: a declared {@code Content-Length} over the limit is refused before anything
 * else happens; a chunked body is counted as it streams and cut off at the limit. Track uploads
 * ({@code POST /api/tracks}) and image uploads ({@code POST /api/images}: avatars, covers) get
 * their own, larger limits. Over the limit: 413 problem.
 */
public final class BodySizeFilter implements WebFilter, Ordered {

	public static final int ORDER = CorsFilter.ORDER + 10;

	private static final String UPLOAD_PATH = "/api/tracks";

	private static final String IMAGE_PATH = "/api/images";

	private final EdgeScope scope;

	private final DataSize maxSize;

	private final DataSize uploadMaxSize;

	private final DataSize imageMaxSize;

	public BodySizeFilter(EdgeScope scope, DataSize maxSize, DataSize uploadMaxSize, DataSize imageMaxSize) {
		this.scope = scope;
		this.maxSize = maxSize;
		this.uploadMaxSize = uploadMaxSize;
		this.imageMaxSize = imageMaxSize;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.scope.applies(exchange)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		DataSize limit = limit(request);
		long declared = request.getHeaders().getContentLength();
		if (declared > limit.toBytes()) {
			return Mono.error(EdgeProblems.payloadTooLarge(limit));
		}
		if (declared >= 0 && !request.getHeaders().containsHeader("Transfer-Encoding")) {
			return chain.filter(exchange); // Netty never reads past a declared length
		}
		return chain.filter(exchange.mutate().request(new Capped(request, limit)).build());
	}

	private DataSize limit(ServerHttpRequest request) {
		if (!HttpMethod.POST.equals(request.getMethod())) {
			return this.maxSize;
		}
		String path = request.getPath().value();
		return UPLOAD_PATH.equals(path) ? this.uploadMaxSize : IMAGE_PATH.equals(path) ? this.imageMaxSize : this.maxSize;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** A body that fails with 413 as soon as more than the limit has streamed through. */
	private static final class Capped extends ServerHttpRequestDecorator {

		private final DataSize limit;

		Capped(ServerHttpRequest delegate, DataSize limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.limit.toBytes()) {
					DataBufferUtils.release(buffer);
					sink.error(EdgeProblems.payloadTooLarge(this.limit));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
