package io.chorus.music.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.chorus.music.domain.MediaKind;
import io.chorus.music.domain.Violations;
import io.chorus.music.store.MediaFiles;
import io.chorus.music.store.MediaFiles.Allowance;
import io.chorus.music.store.MediaFiles.Received;
import io.chorus.platform.web.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads a multipart request as a stream of part events: form fields are collected (small,
 * bounded by the codec), file parts are written to temporary files as their bytes arrive
 * (never held in memory), with a size limit and a content check on their first bytes. If
 * anything fails, every file received so far is deleted.
 */
final class Uploads {

	static final int MAX_PARTS = 10;

	private Uploads() {
	}

	/** What a file part named {@code name} may be. */
	record FileRule(long maxBytes, Predicate<byte[]> acceptHead, Supplier<ProblemException> rejected) {
	}


	/** The form fields and the received files by part name; {@link #discard} when unused. */
	record Parts(Map<String, String> fields, Map<String, Received> files) {

		Mono<Void> discard(MediaFiles media) {
			return media.delete(this.files.values().stream().map(Received::path).toArray(Path[]::new));
		}

	}

	/**
	 * @param admit called once, at the first file part, with the fields read so far; its error
	 * ends the request before the file's bytes are read
	 */
	static Mono<Parts> read(ServerRequest request, MediaFiles media, Map<String, FileRule> rules,
			Function<Map<String, String>, Mono<Allowance>> admit) {
		return Mono.defer(() -> {
			Map<String, String> fields = new HashMap<>();
			Mono<Allowance> admission = Mono.defer(() -> admit.apply(Map.copyOf(fields))).cache();
			List<Received> received = Collections.synchronizedList(new ArrayList<>());
			Map<String, Received> files = new HashMap<>();
			AtomicInteger parts = new AtomicInteger();
			return request.bodyToFlux(PartEvent.class)
				.windowUntil(PartEvent::isLast)
				.concatMap((part) -> part.switchOnFirst((signal, events) -> {
					if (!signal.hasValue()) {
						return events.then(Mono.<Object>empty());
					}
					if (parts.incrementAndGet() > MAX_PARTS) {
						return Mono.error(ProblemException.badRequest("At most " + MAX_PARTS + " parts."));
					}
					PartEvent first = signal.get();
					String name = first.name();
					if (first instanceof FormPartEvent form) {
						if (fields.putIfAbsent(name, form.value()) != null) {
							return Mono.error(Violations.single(name, "is given more than once"));
						}
						return drain(events);
					}
					FileRule rule = rules.get(name);
					if (first instanceof FilePartEvent && rule != null) {
						if (files.containsKey(name)) {
							return Mono.error(Violations.single(name, "is given more than once"));
						}
						// Not admitted: the part is never read; only its first event's buffer is held.
						return admission.doOnError((ex) -> DataBufferUtils.release(first.content()))
							.flatMap((allowed) -> media.receive(events.map(PartEvent::content),
								Math.min(rule.maxBytes(), allowed.maxBytes()), MediaKind.HEAD_BYTES, rule.acceptHead(),
								() -> (allowed.maxBytes() < rule.maxBytes()) ? allowed.exceeded().get()
										: tooLarge(name, rule.maxBytes()),
								rule.rejected()))
							.doOnNext((file) -> {
								received.add(file);
								files.put(name, file);
							});
					}
					return drain(events);
				}))
				.then(Mono.fromSupplier(() -> new Parts(Map.copyOf(fields), Map.copyOf(files))))
				.onErrorResume((ex) -> media.delete(received.stream().map(Received::path).toArray(Path[]::new))
					.then(Mono.error(ex)))
				.doOnCancel(() -> media.delete(received.stream().map(Received::path).toArray(Path[]::new)).subscribe());
		});
	}

	private static Mono<Object> drain(Flux<PartEvent> events) {
		return events.doOnNext((event) -> DataBufferUtils.release(event.content())).then(Mono.empty());
	}

	static ProblemException tooLarge(String field, long maxBytes) {
		return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE)
			.detail("The upload is larger than " + maxBytes + " bytes.")
			.error(field, "must be at most " + maxBytes + " bytes")
			.build();
	}

}
