package io.chorus.music.api;

import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Writes a region of a file as the body. On Reactor Netty the response is a
 * {@link ZeroCopyHttpOutputMessage}, so the bytes go from the file to the socket without passing
 * through the heap ({@code sendfile}); otherwise they are read with an
 * {@link AsynchronousFileChannel} in 64 KiB buffers. Status and headers are the caller's: no
 * message writer second-guesses the Range handling.
 */
final class FileResponses {

	private static final int BUFFER = 64 * 1024;

	private FileResponses() {
	}

	static Mono<ServerResponse> region(HttpStatusCode status, Path path, long position, long count,
			Consumer<HttpHeaders> headers) {
		return ServerResponse.status(status)
			.headers(headers)
			.contentLength(count)
			.build((exchange, context) -> write(exchange.getResponse(), path, position, count));
	}

	private static Mono<Void> write(ServerHttpResponse response, Path path, long position, long count) {
		if (count == 0) {
			return response.setComplete();
		}
		if (response instanceof ZeroCopyHttpOutputMessage zeroCopy) {
			return zeroCopy.writeWith(path, position, count);
		}
		return response.writeWith(DataBufferUtils.takeUntilByteCount(
				DataBufferUtils.readAsynchronousFileChannel(
						() -> AsynchronousFileChannel.open(path, StandardOpenOption.READ), position,
						response.bufferFactory(), BUFFER),
				count));
	}

}
