package io.chorus.music.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

import org.springframework.core.io.buffer.DataBuffer;
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

	public MediaFiles(Path root) {
		this.root = root.toAbsolutePath().normalize();
		this.tracks = this.root.resolve("tracks");
		this.images = this.root.resolve("images");
		this.tmp = this.root.resolve("tmp");
	}

	/** Creates the directories (called once at start-up, off any event loop). */
	public void createDirectories() {
		try {
			Files.createDirectories(this.tracks);
			Files.createDirectories(this.images);
			Files.createDirectories(this.tmp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create media directories under " + this.root, ex);
		}
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
				.onErrorResume((ex) -> delete(temp).then(Mono.error(ex)))
				.doOnCancel(() -> delete(temp).subscribe());
		});
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
