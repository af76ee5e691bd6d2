package io.chorus.music.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.chorus.platform.web.ProblemException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The media directory: {@code tracks/}, {@code images/} and {@code tmp/} (uploads in progress).
 * Every name is generated here or by the service; nothing the client sends becomes part of a
 * path. Blocking file-system calls (move, delete, directory creation) run on boundedElastic;
 * uploads are written with an {@code AsynchronousFileChannel} as the bytes arrive.
 */
public class MediaFiles {

	private static final Logger log = LoggerFactory.getLogger(MediaFiles.class);

	private final Path root;

	private final Path tracks;

	private final Path images;

	private final Path tmp;

	private final long minFreeBytes;

	/** A half-written upload untouched this long belongs to no running request. */
	static final Duration ABANDONED_AFTER = Duration.ofHours(1);

	/**
	 * @param minFreeBytes space uploads must leave free on the media volume (for the other files,
	 * the service's own writes, and concurrent uploads still streaming)
	 */
	public MediaFiles(Path root, long minFreeBytes) {
		this.root = root.toAbsolutePath().normalize();
		this.tracks = this.root.resolve("tracks");
		this.images = this.root.resolve("images");
		this.tmp = this.root.resolve("tmp");
		this.minFreeBytes = minFreeBytes;
	}

	/**
	 * Creates the directories and deletes uploads a killed process left half-written (called once
	 * at start-up, off any event loop). The volume is shared by the replicas, so only files no one
	 * has written to for {@link #ABANDONED_AFTER} (an upload in progress writes continuously).
	 */
	public void createDirectories() {
		try {
			Files.createDirectories(this.tracks);
			Files.createDirectories(this.images);
			Files.createDirectories(this.tmp);
			FileTime cutoff = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
			try (var leftovers = Files.newDirectoryStream(this.tmp, "upload-*.part")) {
				for (Path leftover : leftovers) {
					if (Files.getLastModifiedTime(leftover).compareTo(cutoff) < 0) {
						Files.deleteIfExists(leftover);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create media directories under " + this.root, ex);
		}
	}

	/**
	 * How many bytes an upload may still write without going below the free-space reserve; fails
	 * with 507 when nothing is left.
	 */
	public Mono<Long> writableBytes() {
		return Mono.fromCallable(() -> Files.getFileStore(this.tmp).getUsableSpace() - this.minFreeBytes)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((left) -> (left > 0) ? Mono.just(left) : Mono.error(MediaFiles::insufficientStorage));
	}

	/** An upload limited only by the free space (507 past it). */
	public Mono<Allowance> spaceLeft() {
		return writableBytes().map((left) -> new Allowance(left, MediaFiles::insufficientStorage));
	}

	/** 507: the media volume is (nearly) full; nothing about the request is wrong. */
	public static ProblemException insufficientStorage() {
		return ProblemException.of(HttpStatus.INSUFFICIENT_STORAGE)
			.detail("There is no room for uploads right now; try again later.")
			.header(HttpHeaders.RETRY_AFTER, "60")
			.build();
	}

	public Path root() {
		return this.root;
	}

	public Path track(String fileName) {
		return inside(this.tracks, fileName);
	}

	public Path image(String imageId, String extension, boolean thumbnail) {
		return inside(this.images, imageId + (thumbnail ? "-thumb.png" : "." + extension));
	}

	private static Path inside(Path dir, String name) {
		Path path = dir.resolve(name).normalize();
		if (!path.getParent().equals(dir)) {
			throw new IllegalArgumentException("not a plain file name: " + name);
		}
		return path;
	}

	/**
	 * Streams {@code content} into a new temporary file, counting bytes as they pass: once more
	 * than {@code limit} arrived, the stream fails with {@code tooLarge} (the rest is never read).
	 * As soon as the first {@code headBytes} are there, {@code acceptHead} decides whether the
	 * content may go on (else {@code rejected}). Any failure or cancellation deletes the file.
	 */
	public Mono<Received> receive(Flux<DataBuffer> content, long limit, int headBytes, Predicate<byte[]> acceptHead,
			Supplier<? extends RuntimeException> tooLarge, Supplier<? extends RuntimeException> rejected) {
		return Mono.defer(() -> {
			// Not UUID.randomUUID(): SecureRandom may block. CREATE_NEW refuses a (most unlikely) clash.
			Path temp = this.tmp.resolve("upload-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
					+ Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
			AtomicLong count = new AtomicLong();
			Head head = new Head(headBytes);
			Flux<DataBuffer> checked = content.map((buffer) -> {
				long total = count.addAndGet(buffer.readableByteCount());
				if (total > limit) {
					DataBufferUtils.release(buffer);
					throw tooLarge.get();
				}
				if (head.fill(buffer) && !acceptHead.test(head.bytes())) {
					DataBufferUtils.release(buffer);
					throw rejected.get();
				}
				return buffer;
			});
			return DataBufferUtils.write(checked, temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
				.then(Mono.fromSupplier(() -> new Received(temp, count.get(), head.bytes())))
				.onErrorMap(MediaFiles::diskFull, (ex) -> insufficientStorage())
				.onErrorResume((ex) -> delete(temp).then(Mono.error(ex)))
				.doOnCancel(() -> delete(temp).subscribe());
		});
	}

	/** ENOSPC / EDQUOT while writing: the volume filled up under this upload. */
	private static boolean diskFull(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (cause instanceof IOException && message != null
					&& (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
				return true;
			}
		}
		return false;
	}

	/** Moves a received file to its final place. */
	public Mono<Void> move(Path from, Path to) {
		return Mono.<Void>fromCallable(() -> {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
			return null;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** Deletes the files if they exist; never fails (a leftover is logged). */
	public Mono<Void> delete(Path... paths) {
		return Mono.<Void>fromRunnable(() -> {
			for (Path path : paths) {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					log.warn("could not delete {}: {}", path, ex.toString());
				}
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** Size of a file, off the event loop. */
	public Mono<Long> size(Path path) {
		return Mono.fromCallable(() -> Files.size(path)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * What one upload may store, decided before any byte of its file is read (ownership, quota,
	 * free space): at most {@code maxBytes}, else {@code exceeded}.
	 */
	public record Allowance(long maxBytes, Supplier<ProblemException> exceeded) {
	}

	/** A file that has been received completely: where it is, its size and its first bytes. */
	public record Received(Path path, long size, byte[] head) {
	}

	/** Copies the first bytes of a stream without consuming them. */
	private static final class Head {

		private final byte[] bytes;

		private int filled;

		private boolean decided;

		Head(int size) {
			this.bytes = new byte[size];
		}

		/** True exactly once: when the head just became full. */
		boolean fill(DataBuffer buffer) {
			int start = buffer.readPosition();
			int n = Math.min(this.bytes.length - this.filled, buffer.readableByteCount());
			for (int i = 0; i < n; i++) {
				this.bytes[this.filled++] = buffer.getByte(start + i);
			}
			if (!this.decided && this.filled == this.bytes.length) {
				this.decided = true;
				return true;
			}
			return false;
		}

		byte[] bytes() {
			return Arrays.copyOf(this.bytes, this.filled);
		}

	}

}
